package dev.flowexec.sdk.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A second OkHttp on the class path (Boot's OpenTelemetry starter brings OkHttp 5) is a clear
 * warning.
 */
class OkHttpClassPathTest {
  static final String OKHTTP_5 =
      "jar:file:/home/user/.m2/repository/com/squareup/okhttp3/okhttp-jvm/5.2.1/okhttp-jvm-5.2.1.jar!/"
          + OkHttpClassPath.CLIENT_CLASS;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(FlowexecAutoConfiguration.class))
          .withPropertyValues(
              "flowexec.base-url=https://flows.example.com", "flowexec.auth.access-token=a-token");
  final Logger logger = Logger.getLogger("dev.flowexec.sdk.spring.boot");
  final List<LogRecord> records = new ArrayList<>();
  final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    logger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(handler);
  }

  @Test
  void oneOkHttpIsQuiet() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(FlowExecutionsClient.class);
          assertThat(OkHttpClassPath.copies(getClass().getClassLoader())).hasSize(1);
          assertThat(records).isEmpty();
        });
  }

  @Test
  void twoOkHttpJarsAreAWarningThatSaysWhatToExclude() {
    runner
        .withClassLoader(new WithOkHttp5(getClass().getClassLoader()))
        .run(
            context -> {
              assertThat(context).hasSingleBean(FlowExecutionsClient.class);
              assertThat(records)
                  .singleElement()
                  .satisfies(
                      record -> {
                        assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                        assertThat(record.getMessage())
                            .contains("OkHttp is on the class path 2 times")
                            .contains("okhttp-jvm-5.2.1.jar")
                            .contains("opentelemetry-exporter-sender-okhttp")
                            .contains("opentelemetry-exporter-sender-jdk");
                      });
            });
  }

  /** The test's class path, plus OkHttp 5's jar where it would be. */
  static final class WithOkHttp5 extends ClassLoader {
    WithOkHttp5(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      List<URL> urls = Collections.list(super.getResources(name));
      if (name.equals(OkHttpClassPath.CLIENT_CLASS)) {
        urls.add(URI.create(OKHTTP_5).toURL());
      }
      return Collections.enumeration(urls);
    }
  }
}
