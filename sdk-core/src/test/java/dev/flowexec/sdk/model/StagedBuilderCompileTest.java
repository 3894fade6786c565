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
  private static final String IMPORTS =
      "import dev.flowexec.sdk.model.*;\n"
          + "import dev.flowexec.sdk.auth.AccessToken;\n"
          + "import dev.flowexec.sdk.transport.*;\n"
          + "import java.time.Instant;\n";
  private static final String ALICE =
      "Participant.of(\"user-456\", Role.USER, Channel.VOICE, Channel.WEB)";

  private static String classes;

  @TempDir static Path out;

  @BeforeAll
  static void findClasses() throws URISyntaxException {
    classes =
        Paths.get(LaunchRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
  }

  /** Compiles one class body statement; returns the error diagnostics, empty when it compiled. */
  private static List<String> compile(String statement) throws IOException {
    String source = IMPORTS + "class Snippet {\n  Object run() {\n    " + statement + "\n  }\n}\n";
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK compiler").isNotNull();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    Path dir = Files.createTempDirectory(out, "snippet");
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean ok =
          compiler
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of(
                      "-classpath",
                      classes + File.pathSeparator + System.getProperty("java.class.path"),
                      "-d",
                      dir.toString(),
                      "-proc:none",
                      "-Xlint:none"),
                  null,
                  List.of(file))
              .call();
      List<String> errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .map(d -> d.getMessage(Locale.ROOT).replaceAll("\\s+", " "))
              .collect(Collectors.toList());
      assertThat(ok).as("compiled %s, errors %s", statement, errors).isEqualTo(errors.isEmpty());
      return errors;
    }
  }

  @Test
  void theCompleteRequestCompilesWithAbstractTypesOnly() throws IOException {
    String statement =
        "LaunchRequest request = LaunchRequest.builder().flowId(\"abc-123\")"
            + ".participants("
            + ALICE
            + ").channelType(Channel.WEB)"
            + ".addParticipants(Participant.builder().userId(\"a-7\").role(Role.AGENT).channels(Channel.CHAT).build())"
            + ".flowVersion(\"3\").name(\"n\").startNode(\"Start\").putInputData(\"order_id\", \"42\")"
            + ".flowExecutionId(\"evt-1\").build();\n"
            + "    LaunchRequest copy = request.withName(\"m\").withFlowExecutionId(\"evt-2\");\n"
            + "    LaunchRequest.Builder kept = LaunchRequest.builder().flowId(\"a\").participants("
            + ALICE
            + ")"
            + ".channelType(Channel.WEB);\n"
            + "    Participant p = Participant.builder().userId(\"u\").role(Role.USER).channels(Channel.WEB).addChannels(Channel.SMS).build();\n"
            + "    Participant q = p.withRole(Role.BOT).withChannels(Channel.CHAT, Channel.SMS);\n"
            + "    FlowExecution e = FlowExecution.builder().flowExecutionId(\"x\").flowId(\"a\")"
            + ".status(ExecutionStatus.QUEUED).createdAt(Instant.EPOCH).name(\"n\").build().withStatus(ExecutionStatus.RUNNING);\n"
            + "    AccessToken t = AccessToken.builder().value(\"t\").expiresAt(Instant.EPOCH).build().withExpiresAt(null);\n"
            + "    ErrorResponse r = ErrorResponse.builder().operation(Operation.LAUNCH).statusCode(502)"
            + ".body(ErrorBody.builder().errorCode(\"x\").build()).build();\n"
            + "    CallOptions o = CallOptions.builder().timeout(java.time.Duration.ofSeconds(1)).build().withDeadline(null);\n"
            + "    dev.flowexec.sdk.RetryPolicy.Builder policy = dev.flowexec.sdk.RetryPolicy.builder().maxAttempts(2);\n"
            + "    return copy;";
    assertThat(statement).doesNotContain("Immutable");
    assertThat(compile(statement)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // what is left out | the snippet | the method the compiler cannot find
        "flowId | return LaunchRequest.builder().participants("
            + ALICE
            + ").channelType(Channel.WEB).build(); | participants",
        "flowId, participants | return LaunchRequest.builder().channelType(Channel.WEB).build(); | channelType",
        "participants | return LaunchRequest.builder().flowId(\"a\").channelType(Channel.WEB).build(); | channelType",
        "participants, then more | return LaunchRequest.builder().flowId(\"a\").addParticipants("
            + ALICE
            + "); | addParticipants",
        "participants as none | return LaunchRequest.builder().flowId(\"a\").participants().channelType(Channel.WEB); | participants",
        "channelType | return LaunchRequest.builder().flowId(\"a\").participants("
            + ALICE
            + ").build(); | build",
        "channelType, then optionals | return LaunchRequest.builder().flowId(\"a\").participants("
            + ALICE
            + ").name(\"n\").build(); | name",
        "everything | return LaunchRequest.builder().build(); | build",
        "userId | return Participant.builder().role(Role.USER).channels(Channel.WEB).build(); | role",
        "role | return Participant.builder().userId(\"u\").channels(Channel.WEB).build(); | channels",
        "channels | return Participant.builder().userId(\"u\").role(Role.USER).build(); | build",
        "channels, then more | return Participant.builder().userId(\"u\").role(Role.USER).addChannels(Channel.WEB).build(); | addChannels",
        "channels as none | return Participant.builder().userId(\"u\").role(Role.USER).channels().build(); | channels",
        "every participant field | return Participant.builder().build(); | build",
        "flowId set twice | return LaunchRequest.builder().flowId(\"a\").flowId(\"b\"); | flowId",
        "execution id | return FlowExecution.builder().flowId(\"a\"); | flowId",
        "execution flowId | return FlowExecution.builder().flowExecutionId(\"x\").status(ExecutionStatus.QUEUED); | status",
        "execution status | return FlowExecution.builder().flowExecutionId(\"x\").flowId(\"a\").createdAt(Instant.EPOCH); | createdAt",
        "execution createdAt | return FlowExecution.builder().flowExecutionId(\"x\").flowId(\"a\").status(ExecutionStatus.QUEUED).build(); | build",
        "token value | return AccessToken.builder().expiresAt(Instant.EPOCH).build(); | expiresAt",
        "token value, build | return AccessToken.builder().build(); | build",
        "error operation | return ErrorResponse.builder().statusCode(500).build(); | statusCode",
        "error statusCode | return ErrorResponse.builder().operation(Operation.LAUNCH).build(); | build",
      })
  void leavingOutARequiredStageDoesNotCompile(String missing, String statement, String symbol)
      throws IOException {
    List<String> errors = compile(statement);
    assertThat(errors).as("errors of a snippet without %s", missing).isNotEmpty();
    // a stage that is not there is a missing method; "none" of a first-and-more stage misses its
    // first
    assertThat(errors.get(0))
        .containsAnyOf("cannot find symbol", "cannot be applied to given types")
        .containsPattern("method " + symbol + "\\b")
        .doesNotContain("Immutable");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "LaunchRequest | return LaunchRequest.builder().flowId(\"a\").channelType(Channel.WEB); | LaunchRequest.ParticipantsStage",
        "Participant | return Participant.builder().userId(\"u\").channels(Channel.WEB); | Participant.RoleStage",
        "FlowExecution | return FlowExecution.builder().flowExecutionId(\"x\").status(null); | FlowExecution.FlowIdStage",
        "AccessToken | return AccessToken.builder().build(); | AccessToken.ValueStage",
        "ErrorResponse | return ErrorResponse.builder().operation(Operation.GET).build(); | ErrorResponse.StatusCodeStage",
      })
  void compilerErrorsNameOurStagesNeverAGeneratedType(String type, String statement, String stage)
      throws IOException {
    List<String> errors = compile(statement);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .contains("cannot find symbol")
        .contains(stage)
        .doesNotContain("Immutable");
  }

  @Test
  void withCopiesReturnTheAbstractTypeAndTheGeneratedTypesAreOutOfReach() throws IOException {
    assertThat(
            compile(
                "LaunchRequest r = null; LaunchRequest c = r.withChannelType(Channel.WEB); return c;"))
        .isEmpty();
    for (String generated :
        List.of(
            "model.ImmutableLaunchRequest",
            "model.ImmutableParticipant",
            "model.ImmutableFlowExecution",
            "auth.ImmutableAccessToken",
            "transport.ImmutableErrorResponse",
            "transport.ImmutableErrorBody",
            "ImmutableRetryPolicy")) {
      assertThat(compile("return (dev.flowexec.sdk." + generated + ") null;"))
          .as(generated)
          .anySatisfy(e -> assertThat(e).contains("not public"));
    }
  }
}
