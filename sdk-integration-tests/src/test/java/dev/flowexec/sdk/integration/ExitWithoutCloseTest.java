package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.integration.support.LaunchWithoutClosing;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program that forgets {@code close()} after a {@code launchAsync} exits at once, over both
 * transports: the SDK's threads (OkHttp's dispatcher included, whose own threads linger 60 s) are
 * daemons. Runs {@link LaunchWithoutClosing} in a JVM of its own.
 */
class ExitWithoutCloseTest {
  private static FlowExecutionsEmulator emulator;
  private static String token;

  @BeforeAll
  static void start() {
    emulator = TestFlows.emulator(TestFlows.newSecret(), Clock.systemUTC()).start();
    token = emulator.issueToken(Set.of("flow:execute", "flow:execution:read"));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"retrofit", "http-client"})
  void theJvmExitsAtOnceWithoutClose(String transport) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                LaunchWithoutClosing.class.getName(),
                transport,
                emulator.baseUrl(),
                token)
            .redirectErrorStream(true)
            .start();
    long start = System.nanoTime();
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(exited).as("exited within 30 s; output: %s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("QUEUED");
    // JVM start and one launch take a few seconds at most; OkHttp's own threads would hold it 60 s.
    assertThat(took).isLessThan(Duration.ofSeconds(20));
  }
}
