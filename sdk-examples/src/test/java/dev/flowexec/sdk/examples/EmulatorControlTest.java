package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI's emulator command against an emulator with its control API on, as the standalone jar
 * runs.
 */
class EmulatorControlTest {
  private static final String SECRET = "s3cr3t-value-never-shown";

  private final FlowExecutionsEmulator emulator =
      FlowExecutionsEmulator.builder()
          .adminApi(true)
          .client("cli", SECRET, "flow:execute", "flow:execution:read")
          .flow(Flow.withId("abc-123").publishedVersion("3", "Start", "Greeting", "End"))
          .lifecycle(Duration.ofMinutes(1), Duration.ofMinutes(1))
          .start();
  private final Map<String, String> env =
      Map.of(
          EnvConfig.BASE_URL,
          emulator.baseUrl(),
          EnvConfig.CLIENT_ID,
          "cli",
          EnvConfig.CLIENT_SECRET,
          SECRET);
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void close() {
    emulator.close();
  }

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aScriptedFaultIsRetriedThroughAndTheClockMovesTheExecutionOn() {
    assertThat(run("emulator", "fault", "status", "--status", "503", "--count", "2")).isZero();
    assertThat(out()).contains("{\"pending\":2}");

    assertThat(
            run(
                "launch",
                "--flow-id",
                "abc-123",
                "--user-id",
                "user-456",
                "--channel",
                "web",
                "--execution-id",
                "cli-run-1"))
        .isZero();
    assertThat(emulator.launchAttempts("cli-run-1")).isEqualTo(3);
    assertThat(emulator.executionCount()).isEqualTo(1);

    assertThat(run("emulator", "advance", "5m")).isZero();
    assertThat(run("get", "cli-run-1")).isZero();
    assertThat(out()).contains("COMPLETED");

    assertThat(run("emulator", "executions")).isZero();
    assertThat(out())
        .contains("\"flow_execution_id\":\"cli-run-1\"")
        .contains("\"launch_attempts\":3");
    assertThat(run("emulator", "requests")).isZero();
    assertThat(out()).contains("/oauth/token").contains("Basic [redacted]").doesNotContain(SECRET);
    assertThat(run("emulator", "status")).isZero();
    assertThat(out()).contains("\"client_id\":\"cli\"").doesNotContain(SECRET);
    assertThat(run("emulator", "reset")).isZero();
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void faultOptionsBecomeTheControlApisFields() {
    assertThat(
            EmulatorControl.fault(
                java.util.List.of(
                    "rate-limited",
                    "--retry-after",
                    "7",
                    "--format",
                    "http_date",
                    "--on",
                    "get_execution",
                    "--on",
                    "launch")))
        .isEqualTo(
            "{\"type\": \"rate_limited\", \"retry_after_seconds\": 7, \"format\": \"http_date\", "
                + "\"on\": [\"get_execution\", \"launch\"]}");
    assertThat(run("emulator", "fault", "slow_response", "--delay-ms", "5", "--on", "token"))
        .isZero();
    assertThat(emulator.faults().pending()).isEqualTo(1);
    assertThat(run("emulator", "clear-faults")).isZero();
    assertThat(emulator.faults().pending()).isZero();
  }

  @Test
  void mistakesAreExplained() {
    assertThat(run("emulator")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("emulator needs a command");
    assertThat(run("emulator", "explode")).isEqualTo(Main.USAGE);
    assertThat(run("emulator", "advance", "soon")).isEqualTo(Main.USAGE);
    assertThat(err()).contains("30s, 5m, 1h or PT1H");
    assertThat(run("emulator", "fault", "teapot")).isEqualTo(Main.FAILED);
    assertThat(err()).contains("400").contains("unknown fault type teapot");
    assertThat(run("emulator", "fault", "status", "--count", "lots")).isEqualTo(Main.USAGE);
  }

  @Test
  void anEmulatorWithoutTheControlApiIsNamedAsSuch() {
    try (FlowExecutionsEmulator plain = FlowExecutionsEmulator.builder().start()) {
      int code =
          Main.run(
              new String[] {"emulator", "status"},
              Map.of(EnvConfig.BASE_URL, plain.baseUrl()),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).isEqualTo(Main.FAILED);
      assertThat(err()).contains("is not a control API");
    }
  }
}
