package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles every {@code java} snippet of the README, in order, as one method body against the real
 * modules, so the first page users read cannot drift from the API.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final String IMPORTS = String.join("\n",
      "import dev.flowexec.sdk.*;",
      "import dev.flowexec.sdk.auth.*;",
      "import dev.flowexec.sdk.errors.*;",
      "import dev.flowexec.sdk.model.*;",
      "import dev.flowexec.sdk.retrofit.*;",
      "import dev.flowexec.sdk.testing.*;",
      "import dev.flowexec.sdk.transport.*;",
      "import dev.flowexec.sdk.webhooks.*;",
      "import com.sun.net.httpserver.HttpServer;",
      "import java.net.InetSocketAddress;",
      "import java.net.Proxy;",
      "import java.time.Duration;",
      "import java.util.*;",
      "import java.util.concurrent.CompletableFuture;",
      "import okhttp3.OkHttpClient;");

  @Test
  void everyJavaSnippetOfTheReadmeCompiles() throws IOException {
    String readme = Files.readString(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
    List<String> snippets = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(readme);
    while (block.find()) {
      snippets.add(block.group(1));
    }
    assertThat(snippets).as("java snippets in README.md").hasSizeGreaterThanOrEqualTo(8);

    String source = IMPORTS + "\nclass ReadmeSnippets {\n"
        + "  void snippets(FlowExecutionsClient client, String clientId, String clientSecret)"
        + " throws Exception {\n"
        + String.join("\n", snippets)
        + "\n  }\n}\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("readme-snippets");
    boolean compiled = javac.getTask(null, null, diagnostics,
        List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
            "-proc:none"),
        null, List.of(new Source(source))).call();

    String errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
    assertThat(compiled).as("README snippets failed to compile:%n%s%n%s", errors, source).isTrue();
  }

  /** The snippets as an in-memory source file. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String code) {
      super(URI.create("string:///ReadmeSnippets.java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
