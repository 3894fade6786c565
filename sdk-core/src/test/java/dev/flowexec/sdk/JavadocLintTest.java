package dev.flowexec.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Runs javadoc's full lint, "missing" comments included, over every public type and member we
 * write. The published javadoc jar skips "missing" only because Immutables' generated stage
 * interfaces carry no type comment; here the generated types are read as compiled classes, so only
 * our own sources are judged.
 */
class JavadocLintTest {
  @Test
  void everyPublicTypeAndMemberOfTheApiHasCleanJavadoc() throws IOException {
    Path classes = Paths.get(System.getProperty("user.dir"), "target", "classes");
    Path sources = Paths.get(System.getProperty("user.dir"), "src", "main", "java");
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files =
          walk.map(Path::toString)
              .filter(name -> name.endsWith(".java"))
              .filter(name -> !name.contains(File.separator + "internal" + File.separator))
              .collect(Collectors.toList());
    }
    Path out = Files.createTempDirectory("javadoc-lint");
    List<String> args =
        new ArrayList<>(
            List.of(
                "-Xdoclint:all",
                "-Werror",
                "-quiet",
                "--release",
                "11",
                "-classpath",
                classes + File.pathSeparator + jarOf(org.immutables.value.Value.class),
                "-d",
                out.toString()));
    args.addAll(files);
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();

    int exit = javadoc.run(null, report, report, args.toArray(new String[0]));

    assertThat(files).hasSizeGreaterThan(20);
    assertThat(exit)
        .as("javadoc -Xdoclint:all -Werror reported:%n%s", report.toString(StandardCharsets.UTF_8))
        .isZero();
  }

  private static String jarOf(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
