package dev.flowexec.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control API under /__emulator: off unless asked for, and never on the API paths. */
class AdminApiTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Map<String, Object> VALID =
      Map.of(
          "flow_id", "abc-123",
          "flow_execution_id", "exec-1",
          "participants",
              java.util.List.of(
                  Map.of(
                      "user_id", "user-456", "role", "USER", "channels", java.util.List.of("web"))),
          "channel_type", "web");

  private final TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
  private FlowExecutionsEmulator emulator;

  @AfterEach
  void close() {
    emulator.close();
  }

  private FlowExecutionsEmulator start(boolean admin) {
    emulator =
        FlowExecutionsEmulator.builder()
            .clock(clock)
            .adminApi(admin)
            .client("my-client", "my-secret", "flow:execute", "flow:execution:read")
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start();
    return emulator;
  }

  @Test
  void isOffByDefault() throws Exception {
    start(false);
    HttpResponse<String> response = send("GET", "/__emulator", null);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"error_code\":\"not_found\"");
  }

  @Test
  void scriptsFaultsThatTheApiThenActsOut() throws Exception {
    start(true);
    HttpResponse<String> scripted =
        send("POST", "/__emulator/faults", "{\"type\": \"status\", \"status\": 503, \"count\": 2}");
    assertThat(scripted.statusCode()).isEqualTo(200);
    assertThat(scripted.body()).isEqualTo("{\"pending\":2}");
    assertThat(
            send(
                    "POST",
                    "/__emulator/faults",
                    "{\"type\": \"html_bad_gateway\", \"on\": [\"get_execution\"]}")
                .body())
        .isEqualTo("{\"pending\":3}");

    RawHttp raw = new RawHttp(emulator);
    String token = emulator.issueToken(Set.of("flow:execute"));
    assertThat(raw.launch(token, VALID).statusCode()).isEqualTo(503);
    assertThat(raw.launch(token, VALID).statusCode()).isEqualTo(503);
    assertThat(raw.launch(token, VALID).statusCode()).isEqualTo(201);
    assertThat(emulator.faults().pending()).isEqualTo(1);

    assertThat(send("DELETE", "/__emulator/faults", null).body()).isEqualTo("{\"pending\":0}");
  }

  @Test
  void everyFaultTypeCanBeScripted() throws Exception {
    start(true);
    String[] specs = {
      "{\"type\": \"status\", \"status\": 500}",
      "{\"type\": \"unavailable\", \"retry_after\": \"Wed, 21 Oct 2026 07:28:00 GMT\"}",
      "{\"type\": \"unavailable\", \"retry_after\": 99999999999}",
      "{\"type\": \"close_when_idle\", \"idle_ms\": 50}",
      "{\"type\": \"html_bad_gateway\"}",
      "{\"type\": \"empty_body\", \"status\": 504}",
      "{\"type\": \"slow_response\", \"delay_ms\": 10}",
      "{\"type\": \"rate_limited\", \"retry_after_seconds\": 3, \"format\": \"http_date\"}",
      "{\"type\": \"drop_connection_before_processing\", \"on\": \"token\"}",
      "{\"type\": \"drop_connection_after_processing\"}",
    };
    for (String spec : specs) {
      assertThat(send("POST", "/__emulator/faults", spec).statusCode()).as(spec).isEqualTo(200);
    }
    assertThat(emulator.faults().pending()).isEqualTo(specs.length);
    assertThat(
            send(
                    "POST",
                    "/__emulator/faults/random",
                    "{\"rate\": 0.5, \"seed\": 7, \"faults\": [{\"type\": \"status\", \"status\": 502}]}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void badControlRequestsSayWhatIsWrong() throws Exception {
    start(true);
    HttpResponse<String> unknown = send("POST", "/__emulator/faults", "{\"type\": \"explode\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown fault type explode").contains("html_bad_gateway");
    assertThat(send("POST", "/__emulator/faults", "{\"type\": \"status\", \"status\": 404}").body())
        .contains("not a 5xx status: 404");
    assertThat(send("POST", "/__emulator/faults", "{\"type\": \"status\"}").body())
        .contains("status is required");
    assertThat(send("POST", "/__emulator/faults", "not json").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/__emulator/clock/advance", "{\"seconds\": -1}").body())
        .contains("only moves forward");
    HttpResponse<String> wrongMethod = send("GET", "/__emulator/reset", null);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    assertThat(send("GET", "/__emulator/nothing", null).statusCode()).isEqualTo(404);
  }

  @Test
  void advancesTheClockAndListsExecutionsAndRequests() throws Exception {
    start(true);
    RawHttp raw = new RawHttp(emulator);
    String token = emulator.issueToken(Set.of("flow:execute"));
    assertThat(raw.launch(token, VALID).statusCode()).isEqualTo(201);

    HttpResponse<String> advanced =
        send("POST", "/__emulator/clock/advance", "{\"duration\": \"PT5S\"}");
    assertThat(advanced.body()).isEqualTo("{\"now\":\"2026-11-28T10:00:05Z\"}");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-28T10:00:05Z"));
    assertThat(send("POST", "/__emulator/clock/advance", "{\"seconds\": 1.5}").body())
        .isEqualTo("{\"now\":\"2026-11-28T10:00:06.500Z\"}");

    String executions = send("GET", "/__emulator/executions", null).body();
    assertThat(executions)
        .contains("\"flow_execution_id\":\"exec-1\"")
        .contains("\"status\":\"COMPLETED\"")
        .contains("\"launch_attempts\":1");

    String requests = send("GET", "/__emulator/requests", null).body();
    assertThat(requests)
        .contains("\"total\":1")
        .contains("\"path\":\"/api/v2/flows/executions\"")
        .contains("\"authorization\":[\"Bearer [redacted]\"]")
        .doesNotContain(token);
    assertThat(emulator.requests()).as("control requests are not recorded").hasSize(1);

    String summary = send("GET", "/__emulator", null).body();
    assertThat(summary)
        .contains("\"client_id\":\"my-client\"")
        .doesNotContain("my-secret")
        .contains("\"flow_id\":\"abc-123\"")
        .contains("\"executions\":1");

    assertThat(send("POST", "/__emulator/reset", null).statusCode()).isEqualTo(204);
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void onTheSystemClockTheControlApiMovesAnOffset() throws Exception {
    emulator = FlowExecutionsEmulator.builder().adminApi(true).start();
    Instant before = emulator.clock().instant();
    send("POST", "/__emulator/clock/advance", "{\"duration\": \"P1D\"}");
    assertThat(Duration.between(before, emulator.clock().instant()))
        .isGreaterThanOrEqualTo(Duration.ofDays(1));
  }

  @Test
  void apiPathsNeverReachTheControlApi() throws Exception {
    start(true);
    assertThat(send("GET", "/api/v2/flows/executions/__emulator", null).statusCode())
        .isEqualTo(401);
    assertThat(send("GET", "/__emulatorx", null).body()).contains("\"error_code\":\"not_found\"");
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
