package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  private static final String SECRET = "s3cr3t-value-never-shown";
  private static final String TOKEN = "tok-never-shown-0123";

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryCommandOptionAndVariable() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out())
        .contains(
            "demo",
            "launch",
            "get",
            "relay",
            "--help",
            "--flow-id",
            "--user-id",
            "--role",
            "--channel",
            "--channel-type",
            "--input",
            "--execution-id",
            "--name",
            "--start-node",
            "--flow-version",
            "--wait",
            "--timeout",
            "--port",
            EnvConfig.BASE_URL,
            EnvConfig.CLIENT_ID,
            EnvConfig.CLIENT_SECRET,
            EnvConfig.ACCESS_TOKEN,
            EnvConfig.AUTH_BASE_URL,
            "Exit codes");
    outBytes.reset();
    assertThat(run(Map.of(), "launch", "--help")).isZero();
    assertThat(out()).contains("Usage:");
  }

  @Test
  void clientIdWithoutSecret() {
    assertThat(run(env(EnvConfig.CLIENT_ID, "my-client"), "launch", "--flow-id", "f"))
        .isEqualTo(Main.USAGE);
    assertThat(err()).contains("FLOWEXEC_CLIENT_ID is set but FLOWEXEC_CLIENT_SECRET is not");
  }

  @Test
  void secretWithoutClientId() {
    assertThat(run(env(EnvConfig.CLIENT_SECRET, SECRET), "get", "x")).isEqualTo(Main.USAGE);
    assertThat(err())
        .contains("FLOWEXEC_CLIENT_SECRET is set but FLOWEXEC_CLIENT_ID is not")
        .doesNotContain(SECRET);
  }

  @Test
  void tokenAndCredentialsTogether() {
    Map<String, String> env =
        env(
            EnvConfig.CLIENT_ID,
            "my-client",
            EnvConfig.CLIENT_SECRET,
            SECRET,
            EnvConfig.ACCESS_TOKEN,
            TOKEN);
    assertThat(run(env, "get", "x")).isEqualTo(Main.USAGE);
    assertThat(err())
        .contains("both FLOWEXEC_ACCESS_TOKEN and client credentials")
        .doesNotContain(SECRET)
        .doesNotContain(TOKEN);
  }

  @Test
  void noCredentials() {
    assertThat(run(env(), "get", "x")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("no credentials", EnvConfig.ACCESS_TOKEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"launch", "get"})
  void baseUrlMissingForRemoteCommands(String command) {
    assertThat(run(Map.of(EnvConfig.ACCESS_TOKEN, TOKEN), command, "x")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("FLOWEXEC_BASE_URL is not set").doesNotContain(TOKEN);
  }

  @Test
  void everyProblemIsToldAtOnce() {
    assertThat(
            run(
                Map.of(EnvConfig.CLIENT_ID, "c", EnvConfig.BASE_URL, "flows.example.com"),
                "get",
                "x"))
        .isEqualTo(Main.USAGE);
    assertThat(err()).contains("2 problems", "not an http(s) URL", "FLOWEXEC_CLIENT_SECRET is not");
  }

  @Test
  void authBaseUrlOnlyWithCredentials() {
    assertThat(
            run(
                env(
                    EnvConfig.ACCESS_TOKEN,
                    TOKEN,
                    EnvConfig.AUTH_BASE_URL,
                    "https://id.example.com"),
                "get",
                "x"))
        .isEqualTo(Main.USAGE);
    assertThat(err()).contains("FLOWEXEC_AUTH_BASE_URL", "only applies to client credentials");
  }

  @Test
  void plainHttpToARemoteHostIsRefusedWithoutShowingTheSecret() {
    Map<String, String> env =
        Map.of(
            EnvConfig.BASE_URL,
            "http://flows.example.com",
            EnvConfig.CLIENT_ID,
            "c",
            EnvConfig.CLIENT_SECRET,
            SECRET);
    assertThat(run(env, "get", "x")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("refused").doesNotContain(SECRET);
  }

  @Test
  void blankValuesCountAsUnsetAndTyposAreWarned() {
    Map<String, String> env = new HashMap<>(env(EnvConfig.ACCESS_TOKEN, TOKEN));
    env.put(EnvConfig.CLIENT_ID, "  ");
    env.put("FLOWEXEC_CLIENTSECRET", "oops");
    EnvConfig config = EnvConfig.from(env);
    assertThat(config.usesAccessToken()).isTrue();
    assertThat(config.warnings()).singleElement().asString().contains("FLOWEXEC_CLIENTSECRET");
    assertThat(config.toString()).doesNotContain(TOKEN).contains("https://flows.example.com");
  }

  @Test
  void credentialsConfigNeverShowsTheSecret() {
    EnvConfig config =
        EnvConfig.from(env(EnvConfig.CLIENT_ID, "my-client", EnvConfig.CLIENT_SECRET, SECRET));
    assertThat(config.toString()).contains("my-client").doesNotContain(SECRET);
    assertThat(config.transport().toString()).doesNotContain(SECRET);
  }

  @Test
  void badCommandsAndOptions() {
    assertThat(run(Map.of(), "lanch")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("no command \"lanch\"");
    errBytes.reset();
    Map<String, String> env = env(EnvConfig.ACCESS_TOKEN, TOKEN);
    assertThat(run(env, "launch", "--flow", "abc-123")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("no option --flow");
    errBytes.reset();
    assertThat(run(env, "launch", "--flow-id", "abc-123")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("needs --user-id");
    errBytes.reset();
    assertThat(
            run(
                env,
                "launch",
                "--flow-id",
                "abc-123",
                "--user-id",
                "u",
                "--channel",
                "web",
                "--channel",
                "sms"))
        .isEqualTo(Main.USAGE);
    assertThat(err()).contains("--channel-type is missing");
    errBytes.reset();
    assertThat(run(env, "launch", "--flow-id", "abc 123", "--user-id", "u", "--channel", "web"))
        .isEqualTo(Main.USAGE);
    assertThat(err()).contains("the launch request is invalid", "flow_id");
    errBytes.reset();
    assertThat(run(env, "get")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("get <flow_execution_id>");
  }

  @Test
  void noCommandWithABaseUrlIsAUsageError() {
    assertThat(run(env(EnvConfig.ACCESS_TOKEN, TOKEN))).isEqualTo(Main.USAGE);
    assertThat(err()).contains("no default command");
  }

  @Test
  void launchAndGetAgainstAnEndpointFromTheEnvironment() {
    try (FlowExecutionsEmulator emulator =
        Demo.startEmulator(Duration.ofMillis(100), Duration.ofMillis(100))) {
      Map<String, String> env =
          Map.of(
              EnvConfig.BASE_URL,
              emulator.baseUrl(),
              EnvConfig.CLIENT_ID,
              Demo.CLIENT_ID,
              EnvConfig.CLIENT_SECRET,
              Demo.CLIENT_SECRET);
      int code =
          run(
              env,
              "launch",
              "--flow-id",
              "abc-123",
              "--user-id",
              "user-456",
              "--channel",
              "web",
              "--channel",
              "voice",
              "--channel-type=web",
              "--input",
              "order_id=42",
              "--execution-id",
              "order-42-run",
              "--name",
              "order 42",
              "--wait",
              "--timeout",
              "10");
      assertThat(code).as(err()).isZero();
      assertThat(out())
          .contains("order-42-run", "COMPLETED", "order 42", "output")
          .doesNotContain(Demo.CLIENT_SECRET);
      assertThat(emulator.execution("order-42-run").orElseThrow().launchBody())
          .contains("\"order_id\":\"42\"", "\"channels\":[\"web\",\"voice\"]");

      outBytes.reset();
      String token = emulator.issueToken(Set.of("flow:execution:read"));
      assertThat(
              run(
                  Map.of(EnvConfig.BASE_URL, emulator.baseUrl(), EnvConfig.ACCESS_TOKEN, token),
                  "get",
                  "order-42-run"))
          .isZero();
      assertThat(out()).contains("order-42-run", "COMPLETED").doesNotContain(token);

      assertThat(
              run(
                  Map.of(EnvConfig.BASE_URL, emulator.baseUrl(), EnvConfig.ACCESS_TOKEN, token),
                  "get",
                  "no-such-run"))
          .isEqualTo(Main.FAILED);
      assertThat(err())
          .contains("ExecutionNotFoundException", "404", "execution_not_found")
          .doesNotContain(token);
    }
  }

  @Test
  void launchOptionsBecomeTheRequest() {
    var options =
        RemoteCommands.Options.parse(
            "launch",
            java.util.List.of(
                "--flow-id",
                "abc-123",
                "--user-id",
                "u",
                "--role",
                "agent",
                "--channel-type",
                "chat",
                "--start-node",
                "Greeting"),
            Set.of("--flow-id", "--user-id", "--role", "--channel-type", "--start-node"),
            Set.of(),
            0);
    var request = RemoteCommands.launchRequest(options);
    assertThat(request.participants().get(0).role().value()).isEqualTo("AGENT");
    assertThat(request.participants().get(0).channels())
        .extracting(Object::toString)
        .containsExactly("chat");
    assertThat(request.startNode()).hasValue("Greeting");
    assertThatThrownBy(
            () ->
                RemoteCommands.launchRequest(
                    RemoteCommands.Options.parse(
                        "launch",
                        java.util.List.of(
                            "--flow-id",
                            "a",
                            "--user-id",
                            "u",
                            "--channel",
                            "web",
                            "--input",
                            "novalue"),
                        Set.of("--flow-id", "--user-id", "--channel", "--input"),
                        Set.of(),
                        0)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("key=value");
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put(EnvConfig.BASE_URL, "https://flows.example.com");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }
}
