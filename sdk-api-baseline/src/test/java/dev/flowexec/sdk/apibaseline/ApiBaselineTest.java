package dev.flowexec.sdk.apibaseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump, the baseline check, the generated-type check and the internal check, on a fixture. */
class ApiBaselineTest {
  private static final Path FIXTURE =
      Paths.get("target/test-classes/dev/flowexec/sdk/apibaseline/fixture");

  @TempDir Path module;
  private Path classes;

  @BeforeEach
  void copyTheFixtureIntoAModule() throws IOException {
    classes = module.resolve("target/classes");
    Path into = classes.resolve("dev/flowexec/sdk/apibaseline/fixture");
    Files.createDirectories(into);
    try (Stream<Path> files = Files.list(FIXTURE)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!file.getFileName().toString().startsWith("ImmutableShown")) {
          Files.copy(file, into.resolve(file.getFileName()));
        }
      }
    }
  }

  @Test
  void theDumpListsAccessibleTypesAndMembersSortedWithInheritedOnesAndNothingPackagePrivate()
      throws IOException {
    List<String> api = ApiDump.dump(classes, getClass().getClassLoader());
    assertThat(api)
        .containsExactly(
            "public final class dev.flowexec.sdk.apibaseline.fixture.Shown"
                + " implements java.lang.Comparable<dev.flowexec.sdk.apibaseline.fixture.Shown>",
            "  public dev.flowexec.sdk.apibaseline.fixture.ImmutableShown leak()",
            "  public final java.lang.String value()",
            "  public int compareTo(dev.flowexec.sdk.apibaseline.fixture.Shown)",
            "  public static dev.flowexec.sdk.apibaseline.fixture.Shown"
                + " of(java.util.List<? extends java.lang.CharSequence>)",
            "  public static final int LIMIT",
            "public abstract static interface dev.flowexec.sdk.apibaseline.fixture.Shown$Stage",
            "  public abstract dev.flowexec.sdk.apibaseline.fixture.Shown build()");
  }

  @Test
  void aMissingBaselineFailsWithTheCommandThatWritesItAndUpdateWritesIt() throws IOException {
    assertThatThrownBy(() -> ApiBaseline.check(module, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("has no API baseline")
        .hasMessageContaining(ApiBaseline.REGENERATE);
    ApiBaseline.check(module, true);
    Path baseline = module.resolve("api").resolve(module.getFileName() + ".api");
    assertThat(baseline).exists();
    assertThatCode(() -> ApiBaseline.check(module, false)).doesNotThrowAnyException();
  }

  @Test
  void aChangedApiFailsNamingTheLinesAndTheCommand() throws IOException {
    ApiBaseline.check(module, true);
    Path baseline = module.resolve("api").resolve(module.getFileName() + ".api");
    String text = new String(Files.readAllBytes(baseline), StandardCharsets.UTF_8);
    Files.write(
        baseline,
        text.replace("  public static final int LIMIT\n", "  public static final int MAX\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ApiBaseline.check(module, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("- " + "  public static final int MAX")
        .hasMessageContaining("+ " + "  public static final int LIMIT")
        .hasMessageContaining(ApiBaseline.REGENERATE);
  }

  @Test
  void aGeneratedTypeInTheApiFails() throws IOException {
    Path generated =
        module.resolve("target/generated-sources/annotations/dev/flowexec/sdk/apibaseline/fixture");
    Files.createDirectories(generated);
    Files.write(generated.resolve("ImmutableShown.java"), new byte[0]);
    assertThatThrownBy(() -> ApiBaseline.check(module, true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("generated types are part of the public API")
        .hasMessageContaining("leak()");
  }

  @Test
  void usingAnotherModulesInternalPackageFailsButOwnInternalIsFine() throws IOException {
    Path own = classes.resolve("dev/flowexec/sdk/apibaseline/internal");
    Files.createDirectories(own);
    Files.write(
        own.resolve("Mine.class"),
        "Ldev/flowexec/sdk/apibaseline/internal/Other;".getBytes(StandardCharsets.ISO_8859_1));
    assertThatCode(() -> ApiBaseline.checkNoForeignInternal(classes)).doesNotThrowAnyException();
    Files.write(
        classes.resolve("dev/flowexec/sdk/apibaseline/fixture/Uses.class"),
        "xxLdev/flowexec/sdk/internal/RetryAfter;yy".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> ApiBaseline.checkNoForeignInternal(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Uses.class uses dev.flowexec.sdk.internal.");
  }
}
