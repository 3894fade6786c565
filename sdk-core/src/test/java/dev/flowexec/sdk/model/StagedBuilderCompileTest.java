package dev.flowexec.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves with a real compiler that the staged builders make leaving out a required field a compile
 * error, and that user code needs no generated {@code Immutable*} type.
 */
class StagedBuilderCompileTest {
  private static final String IMPORTS = "import dev.flowexec.sdk.model.*;\n";
  private static final String ALICE = "Participant.of(\"user-456\", Role.USER, Channel.VOICE, Channel.WEB)";

  private static String classes;

  @TempDir static Path out;

  @BeforeAll
  static void findClasses() throws URISyntaxException {
    classes = Paths.get(LaunchRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** Compiles one class body statement; returns the error diagnostics, empty when it compiled. */
  private static List<String> compile(String statement) throws IOException {
    String source = IMPORTS + "class Snippet {\n  Object run() {\n    " + statement + "\n  }\n}\n";
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK compiler").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    Path dir = Files.createTempDirectory(out, "snippet");
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean ok = compiler.getTask(null, files, diagnostics,
          List.of("-classpath", classes + File.pathSeparator + System.getProperty("java.class.path"),
              "-d", dir.toString(), "-proc:none", "-Xlint:none"),
          null, List.of(file)).call();
      List<String> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT).replaceAll("\\s+", " "))
          .collect(Collectors.toList());
      assertThat(ok).as("compiled %s, errors %s", statement, errors).isEqualTo(errors.isEmpty());
      return errors;
    }
  }

  @Test
  void theCompleteRequestCompilesWithAbstractTypesOnly() throws IOException {
    String statement = "LaunchRequest request = LaunchRequest.builder().flowId(\"abc-123\")"
        + ".participant(" + ALICE + ").channelType(Channel.WEB)"
        + ".addMoreParticipants(Participant.builder().userId(\"a-7\").role(Role.AGENT).channel(Channel.CHAT).build())"
        + ".flowVersion(\"3\").name(\"n\").startNode(\"Start\").putInputData(\"order_id\", \"42\")"
        + ".flowExecutionId(\"evt-1\").build();\n"
        + "    LaunchRequest copy = request.withName(\"m\").withFlowExecutionId(\"evt-2\");\n"
        + "    Participant p = Participant.builder().userId(\"u\").role(Role.USER).channel(Channel.WEB).addMoreChannels(Channel.SMS).build();\n"
        + "    Participant q = p.withRole(Role.BOT);\n"
        + "    return copy;";
    assertThat(statement).doesNotContain("Immutable");
    assertThat(compile(statement)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // what is left out | the snippet | the method the compiler cannot find
      "flowId | return LaunchRequest.builder().participant(" + ALICE + ").channelType(Channel.WEB).build(); | participant",
      "flowId, participant | return LaunchRequest.builder().channelType(Channel.WEB).build(); | channelType",
      "participant | return LaunchRequest.builder().flowId(\"a\").channelType(Channel.WEB).build(); | channelType",
      "channelType | return LaunchRequest.builder().flowId(\"a\").participant(" + ALICE + ").build(); | build",
      "channelType, then optionals | return LaunchRequest.builder().flowId(\"a\").participant(" + ALICE + ").name(\"n\").build(); | name",
      "everything | return LaunchRequest.builder().build(); | build",
      "userId | return Participant.builder().role(Role.USER).channel(Channel.WEB).build(); | role",
      "role | return Participant.builder().userId(\"u\").channel(Channel.WEB).build(); | channel",
      "channel | return Participant.builder().userId(\"u\").role(Role.USER).build(); | build",
      "channel, then more | return Participant.builder().userId(\"u\").role(Role.USER).addMoreChannels(Channel.WEB).build(); | addMoreChannels",
      "every participant field | return Participant.builder().build(); | build",
      "flowId set twice | return LaunchRequest.builder().flowId(\"a\").flowId(\"b\"); | flowId",
  })
  void leavingOutARequiredStageDoesNotCompile(String missing, String statement, String symbol) throws IOException {
    List<String> errors = compile(statement);
    assertThat(errors).as("errors of a snippet without %s", missing).isNotEmpty();
    assertThat(errors.get(0)).contains("cannot find symbol").contains("method " + symbol + "(");
  }

  @Test
  void theGeneratedBuilderClassIsNotNeededButStagesAreNamedInErrors() throws IOException {
    List<String> errors = compile("return LaunchRequest.builder().flowId(\"a\").channelType(Channel.WEB).build();");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).contains("cannot find symbol").contains("channelType")
        .contains("ParticipantBuildStage");
  }

  @Test
  void withCopiesReturnTheAbstractType() throws IOException {
    // assigning a with* copy to the abstract type needs no cast, and the compiler refuses the generated type
    assertThat(compile("LaunchRequest r = null; LaunchRequest c = r.withChannelType(Channel.WEB); return c;")).isEmpty();
    assertThat(compile("LaunchRequest r = null; ImmutableLaunchRequest c = r.withName(\"x\"); return c;"))
        .anySatisfy(e -> assertThat(e).contains("incompatible types"));
  }
}
