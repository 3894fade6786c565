package dev.flowexec.sdk.apibaseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API baseline rail, run by each published module's {@code ApiBaselineTest} from the module's
 * directory: the public API of {@code target/classes} (see {@link ApiDump}) must equal the
 * committed {@code api/<module>.api}, no generated type may appear in it, and the module may use no
 * other module's {@code internal} package.
 *
 * <p>An intended API change is one command, then a commit of the changed {@code .api} files:
 * {@value #REGENERATE}. Review sees every API change as a diff of those files.
 */
public final class ApiBaseline {
  /** The system property that rewrites the baseline instead of checking it. */
  public static final String UPDATE_PROPERTY = "flowexec.api.update";

  /** The command that regenerates every module's baseline. */
  public static final String REGENERATE =
      "mvn -o test -Dtest=ApiBaselineTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -D"
          + UPDATE_PROPERTY
          + "=true";

  private static final Pattern INTERNAL_REFERENCE =
      Pattern.compile("dev/flowexec/sdk/(?:[a-z0-9_]+/)*?internal/");

  private ApiBaseline() {}

  /**
   * Checks the module in the working directory: its API against {@code api/<module>.api} (or writes
   * that file when {@value #UPDATE_PROPERTY} is true), and that no generated type is in it.
   *
   * @throws IOException if the classes or the baseline cannot be read or written
   * @throws AssertionError if the API differs from the baseline, the baseline is missing, or a
   *     generated type is part of the API
   */
  public static void check() throws IOException {
    check(Paths.get("").toAbsolutePath(), Boolean.getBoolean(UPDATE_PROPERTY));
  }

  /**
   * Checks the module in {@code module}, or rewrites its baseline when {@code update} is true.
   *
   * @param module the module's directory, holding {@code target/classes}
   * @param update whether to write the baseline instead of checking it
   * @throws IOException if the classes or the baseline cannot be read or written
   * @throws AssertionError as for {@link #check()}
   */
  static void check(Path module, boolean update) throws IOException {
    String name = module.getFileName().toString();
    Path classes = module.resolve("target/classes");
    Path baseline = module.resolve("api").resolve(name + ".api");
    List<String> api = ApiDump.dump(classes, Thread.currentThread().getContextClassLoader());
    requireNoGeneratedType(api, module.resolve("target/generated-sources/annotations"), name);
    String text =
        "# The public API of "
            + name
            + ", checked by ApiBaselineTest. Regenerate with\n# "
            + REGENERATE
            + "\n"
            + String.join("\n", api)
            + "\n";
    if (update) {
      Files.createDirectories(baseline.getParent());
      Files.write(baseline, text.getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!Files.exists(baseline)) {
      throw new AssertionError(
          name
              + " has no API baseline "
              + module.relativize(baseline)
              + ": create it with\n  "
              + REGENERATE
              + "\nand commit it");
    }
    String committed = new String(Files.readAllBytes(baseline), StandardCharsets.UTF_8);
    if (!committed.equals(text)) {
      throw new AssertionError(
          "The public API of "
              + name
              + " differs from "
              + module.relativize(baseline)
              + " (- committed, + now):\n"
              + diff(committed, text)
              + "If the change is intended, regenerate the baseline with\n  "
              + REGENERATE
              + "\nand commit it with the change.");
    }
  }

  /**
   * Checks that the classes of the module in the working directory refer to no {@code internal}
   * package of another module: only its own {@code internal} packages.
   *
   * @throws IOException if the classes cannot be read
   * @throws AssertionError naming each class that uses another module's internal package
   */
  public static void checkNoForeignInternal() throws IOException {
    checkNoForeignInternal(Paths.get("").toAbsolutePath().resolve("target/classes"));
  }

  /** Checks the classes under {@code classes}; see {@link #checkNoForeignInternal()}. */
  static void checkNoForeignInternal(Path classes) throws IOException {
    Set<String> own = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
    }
    for (Path file : files) {
      own.add(classes.relativize(file.getParent()).toString().replace('\\', '/') + "/");
    }
    Set<String> violations = new LinkedHashSet<>();
    for (Path file : files) {
      // Class, descriptor and signature constants spell names with slashes, in plain ASCII.
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      Matcher m = INTERNAL_REFERENCE.matcher(bytes);
      while (m.find()) {
        if (!own.contains(m.group())) {
          violations.add(classes.relativize(file) + " uses " + m.group().replace('/', '.'));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "another module's internal package is not API; use its public API"
              + " (or make what you need an explicit, documented one):\n  "
              + String.join("\n  ", violations));
    }
  }

  private static void requireNoGeneratedType(List<String> api, Path generatedSources, String name)
      throws IOException {
    if (!Files.isDirectory(generatedSources)) {
      return;
    }
    List<String> generated;
    try (Stream<Path> walk = Files.walk(generatedSources)) {
      generated =
          walk.filter(p -> p.toString().endsWith(".java"))
              .map(p -> generatedSources.relativize(p).toString().replace('\\', '/'))
              .map(p -> p.substring(0, p.length() - ".java".length()).replace('/', '.'))
              .collect(Collectors.toList());
    }
    List<String> leaks = new ArrayList<>();
    for (String type : generated) {
      Pattern named = Pattern.compile(Pattern.quote(type) + "(?![\\w])");
      api.stream().filter(line -> named.matcher(line).find()).forEach(leaks::add);
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "generated types are part of the public API of "
              + name
              + "; users must never need to name one. Hide them behind types you wrote:\n  "
              + String.join("\n  ", leaks));
    }
  }

  private static String diff(String committed, String now) {
    Set<String> before = new LinkedHashSet<>(committed.lines().collect(Collectors.toList()));
    Set<String> after = new LinkedHashSet<>(now.lines().collect(Collectors.toList()));
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (String line : before) {
      if (!after.contains(line) && shown++ < 60) {
        out.append("- ").append(line).append('\n');
      }
    }
    for (String line : after) {
      if (!before.contains(line) && shown++ < 60) {
        out.append("+ ").append(line).append('\n');
      }
    }
    if (shown == 0) {
      out.append("(the same lines, in another order or under another type)\n");
    }
    if (shown > 60) {
      out.append("... and ").append(shown - 60).append(" more lines\n");
    }
    return out.toString();
  }
}
