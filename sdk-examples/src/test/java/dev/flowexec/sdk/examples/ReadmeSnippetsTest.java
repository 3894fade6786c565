package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * modules, with no import but the snippets' own: the first page users read cannot drift from the
 * API, and each snippet says what it imports.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern IMPORT = Pattern.compile("import (static )?[\\w.]+(\\.\\*)?;");

  @Test
  void everyJavaSnippetOfTheReadmeCompiles() throws IOException {
    String readme = Files.readString(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
    Set<String> imports = new LinkedHashSet<>();
    List<String> bodies = new ArrayList<>();
    List<String> withoutImports = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(readme);
    while (block.find()) {
      String[] lines = block.group(1).split("\n", -1);
      int i = 0;
      while (i < lines.length
          && (IMPORT.matcher(lines[i].trim()).matches() || lines[i].isBlank())) {
        if (!lines[i].isBlank()) {
          imports.add(lines[i].trim());
        }
        i++;
      }
      if (!IMPORT.matcher(lines[0].trim()).matches()) {
        withoutImports.add("line " + lineOf(readme, block.start()) + ": " + lines[0]);
      }
      bodies.add(String.join("\n", Arrays.asList(lines).subList(i, lines.length)));
    }
    assertThat(bodies).as("java snippets in README.md").hasSizeGreaterThanOrEqualTo(8);
    assertThat(withoutImports)
        .as("README java snippets must start with the imports they need (users copy them whole)")
        .isEmpty();

    String source =
        String.join("\n", imports)
            + "\nclass ReadmeSnippets {\n"
            + "  void snippets(dev.flowexec.sdk.FlowExecutionsClient client, String clientId, String clientSecret)"
            + " throws Exception {\n"
            + String.join("\n", bodies)
            + "\n  }\n}\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("readme-snippets");
    boolean compiled =
        javac
            .getTask(
                null,
                null,
                diagnostics,
                List.of(
                    "-d",
                    out.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-proc:none"),
                null,
                List.of(new Source(source)))
            .call();

    String errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
            .collect(Collectors.joining("\n"));
    assertThat(compiled)
        .as("README snippets failed to compile (a missing import?):%n%s%n%s", errors, source)
        .isTrue();
  }

  private static int lineOf(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
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
