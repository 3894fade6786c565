package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Successful launches, flow resolution (404, 409), GET and the execution body. */
class LaunchAndGetTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
  private FlowExecutionsEmulator emulator;
  private RawHttp http;
  private String token;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .clock(clock)
            .flow(
                Flow.withId("abc-123")
                    .publishedVersion("2", "Start", "Old")
                    .publishedVersion("3", "Start", "Greet"))
            .flow(Flow.withId("draft"))
            .start();
    http = new RawHttp(emulator);
    token = emulator.issueToken(Set.of("flow:execute"));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aLaunchIsCreatedQueuedWithLocationAndTheContractBody() {
    Map<String, Object> body = validLaunch("7f6c0a4e-1");
    body.put("name", "order 42 follow-up");

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).contains("/api/v2/flows/executions/7f6c0a4e-1");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    Map<String, Object> expected = new java.util.LinkedHashMap<>();
    expected.put("flow_execution_id", "7f6c0a4e-1");
    expected.put("flow_id", "abc-123");
    expected.put("flow_version", "3");
    expected.put("name", "order 42 follow-up");
    expected.put("status", "QUEUED");
    expected.put("channel_type", "web");
    expected.put("created_at", "2026-11-28T10:00:00Z");
    expected.put("updated_at", "2026-11-28T10:00:00Z");
    expected.put("completed_at", null);
    expected.put("output_data", null);
    expected.put("error", null);
    expected.put("self_uri", "/api/v2/flows/executions/7f6c0a4e-1");
    assertThat(RawHttp.json(r)).isEqualTo(expected);
    assertThat(RawHttp.json(r).keySet()).containsExactlyElementsOf(expected.keySet());
  }

  @Test
  void anExplicitVersionIsUsed() {
    Map<String, Object> body = validLaunch("v2");
    body.put("flow_version", "2");
    body.put("start_node", "Old");

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(RawHttp.json(r)).containsEntry("flow_version", "2");
  }

  @Test
  void startNodeIsCheckedAgainstTheRequestedVersion() {
    Map<String, Object> body = validLaunch("v3-old");
    body.put("start_node", "Old");

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r)).containsExactly("start_node unknown_node");
  }

  @Test
  void anUnknownFlowIsNotFound() {
    Map<String, Object> body = validLaunch("nf-1");
    body.put("flow_id", "nope");

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(RawHttp.json(r))
        .containsEntry("error_code", "flow_not_found")
        .doesNotContainKey("details");
  }

  @Test
  void anUnknownVersionIsNotFound() {
    Map<String, Object> body = validLaunch("nf-2");
    body.put("flow_version", "9");

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(RawHttp.json(r)).containsEntry("error_code", "flow_not_found");
  }

  @Test
  void aFlowWithoutPublishedVersionIsNotPublished() {
    Map<String, Object> body = validLaunch("np-1");
    body.put("flow_id", "draft");

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(RawHttp.json(r)).containsEntry("error_code", "flow_not_published");
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void getReturnsTheExecutionAndUnknownIdsAreNotFound() {
    http.launch(token, validLaunch("get-1"));

    HttpResponse<String> found =
        http.getExecution(emulator.issueToken(Set.of("flow:execution:read")), "get-1");
    HttpResponse<String> missing = http.getExecution(token, "get-2");

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(RawHttp.json(found))
        .containsEntry("flow_execution_id", "get-1")
        .containsEntry("status", "QUEUED");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(RawHttp.json(missing)).containsEntry("error_code", "execution_not_found");
    assertThat(missing.headers().firstValue("X-Request-Id"))
        .contains((String) RawHttp.json(missing).get("request_id"));
  }

  @Test
  void executionsAreKeptSevenDays() {
    http.launch(token, validLaunch("old-1"));
    clock.advance(Duration.ofDays(7).minusMillis(1));
    assertThat(http.getExecution(token, "old-1").statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMillis(1));

    assertThat(http.getExecution(token, "old-1").statusCode()).isEqualTo(404);
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void pathsAndMethodsOutsideTheContract() {
    HttpResponse<String> unknownPath =
        http.get("/api/v1/flows", "Authorization", "Bearer " + token);
    HttpResponse<String> wrongMethod =
        http.get(RawHttp.EXECUTIONS, "Authorization", "Bearer " + token);

    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(RawHttp.json(unknownPath)).containsEntry("error_code", "not_found");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
  }
}
