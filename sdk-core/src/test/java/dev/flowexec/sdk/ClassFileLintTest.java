package dev.flowexec.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles user code that touches every public type of sdk-core the way users' builds do: with
 * {@code -Xlint:all -Werror} and only sdk-core on the class path, no Immutables. An annotation left
 * in our class files whose type users lack (Immutables' {@code @Value.Immutable(builder = false)},
 * say) warns "Cannot find annotation method" there, and fails their build.
 */
class ClassFileLintTest {
  @TempDir Path out;

  @Test
  void userCodeTouchingEveryPublicTypeCompilesWithLintAsErrorsAndNoImmutables() throws Exception {
    Path classes = classesDirectory();
    List<String> types = publicTypes(classes);
    assertThat(types)
        .as("public types of sdk-core")
        .contains(
            "dev.flowexec.sdk.errors.FieldError", "dev.flowexec.sdk.model.ExecutionError",
            "dev.flowexec.sdk.model.LaunchRequest", "dev.flowexec.sdk.FlowExecutionsClient");

    String source =
        "class Touch {\n  Class<?>[] all = {\n"
            + types.stream().map(t -> "    " + t + ".class").collect(Collectors.joining(",\n"))
            + "\n  };\n"
            + "  String read(dev.flowexec.sdk.errors.FieldError f, dev.flowexec.sdk.model.ExecutionError e) {\n"
            + "    return f.field() + f.issue() + f.message() + e.code() + e.message();\n"
            + "  }\n}\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled =
        javac
            .getTask(
                null,
                null,
                diagnostics,
                List.of(
                    "-Xlint:all",
                    "-Werror",
                    "-proc:none",
                    "-classpath",
                    classes.toString(),
                    "-d",
                    out.toString()),
                null,
                List.of(new Source(source)))
            .call();

    List<String> messages =
        diagnostics.getDiagnostics().stream()
            .map(d -> d.getKind() + ": " + d.getMessage(Locale.ROOT))
            .collect(Collectors.toList());
    assertThat(messages)
        .as("javac -Xlint:all over user code touching %d types", types.size())
        .isEmpty();
    assertThat(compiled).isTrue();
  }

  private static Path classesDirectory() throws URISyntaxException {
    return Paths.get(
        FlowExecutionsClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Every public type users can name: top-level or nested, generated ones too, not internal. */
  private static List<String> publicTypes(Path classes) throws IOException, ClassNotFoundException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String binary =
            classes
                .relativize(file)
                .toString()
                .replace(java.io.File.separatorChar, '.')
                .replaceAll("\\.class$", "");
        if (binary.endsWith("package-info") || binary.contains(".internal.")) {
          continue;
        }
        Class<?> type = Class.forName(binary, false, ClassFileLintTest.class.getClassLoader());
        if (isPublicAllTheWayOut(type) && type.getCanonicalName() != null) {
          names.add(type.getCanonicalName());
        }
      }
    }
    names.sort(null);
    return names;
  }

  private static boolean isPublicAllTheWayOut(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** The user code as an in-memory source file. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String code) {
      super(URI.create("string:///Touch.java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
