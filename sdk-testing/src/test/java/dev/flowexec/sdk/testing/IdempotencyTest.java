package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** flow_execution_id as the idempotency key: replay, reuse, in-progress and the header. */
class IdempotencyTest {
  private FlowExecutionsEmulator emulator;
  private RawHttp http;
  private String token;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start();
    http = new RawHttp(emulator);
    token = emulator.issueToken(Set.of("flow:execute"));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void anIdenticalRelaunchReplaysTheExistingExecution() {
    HttpResponse<String> first = http.launch(token, validLaunch("same-1"));
    HttpResponse<String> second = http.launch(token, validLaunch("same-1"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(RawHttp.json(second))
        .containsEntry("flow_execution_id", "same-1")
        .containsEntry("created_at", RawHttp.json(first).get("created_at"));
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts("same-1")).isEqualTo(2);
  }

  @Test
  void memberOrderAndWhitespaceDoNotMakeABodyDifferent() {
    String a =
        "{\"flow_id\":\"abc-123\",\"flow_execution_id\":\"ord-1\",\"channel_type\":\"web\","
            + "\"participants\":[{\"user_id\":\"u\",\"role\":\"USER\",\"channels\":[\"web\"]}],"
            + "\"input_data\":{\"n\":1.0}}";
    String b =
        "{ \"channel_type\" : \"web\", \"input_data\": {\"n\": 1}, \"flow_execution_id\": \"ord-1\","
            + " \"participants\": [{\"channels\": [\"web\"], \"role\": \"USER\", \"user_id\": \"u\"}],"
            + " \"flow_id\": \"abc-123\" }";

    assertThat(http.launch(token, a).statusCode()).isEqualTo(201);
    assertThat(http.launch(token, b).statusCode()).isEqualTo(200);
  }

  @Test
  void aDifferentBodyWithTheSameIdIsRejected() {
    Map<String, Object> changed = validLaunch("reuse-1");
    changed.put("name", "another");
    assertThat(http.launch(token, validLaunch("reuse-1")).statusCode()).isEqualTo(201);

    HttpResponse<String> r = http.launch(token, changed);

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(RawHttp.json(r)).containsEntry("error_code", "idempotency_key_reused");
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.execution("reuse-1").get().name()).isEmpty();
  }

  @Test
  void aLaunchWhileTheFirstIsInFlightGets409AndTheFirstStillSucceeds() throws Exception {
    emulator.holdLaunches();
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> http.launch(token, validLaunch("slow-1")));
    assertThat(emulator.awaitHeldLaunches(1, Duration.ofSeconds(5))).isTrue();

    HttpResponse<String> second = http.launch(token, validLaunch("slow-1"));
    HttpResponse<String> other =
        CompletableFuture.supplyAsync(() -> http.launch(token, validLaunch("slow-2")))
            .completeOnTimeout(null, 200, TimeUnit.MILLISECONDS)
            .get();

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(RawHttp.json(second)).containsEntry("error_code", "request_in_progress");
    assertThat(other).as("other launches are held too").isNull();
    assertThat(emulator.executionCount()).isZero();

    emulator.releaseLaunches();

    assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    assertThat(http.launch(token, validLaunch("slow-1")).statusCode()).isEqualTo(200);
    assertThat(emulator.launchAttempts("slow-1")).isEqualTo(3);
  }

  @Test
  void aMatchingIdempotencyKeyHeaderIsAccepted() {
    HttpResponse<String> r = http.launchWithKey(token, validLaunch("key-1"), "\"key-1\"");

    assertThat(r.statusCode()).isEqualTo(201);
  }

  @Test
  void aMismatchedIdempotencyKeyIsNotAllowed() {
    HttpResponse<String> r = http.launchWithKey(token, validLaunch("key-2"), "\"key-3\"");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r)).containsExactly("Idempotency-Key not_allowed");
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void anUnquotedIdempotencyKeyIsInvalidFormat() {
    HttpResponse<String> r = http.launchWithKey(token, validLaunch("key-4"), "key-4");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r)).containsExactly("Idempotency-Key invalid_format");
  }

  @Test
  void headerDetailsAreCollectedWithBodyDetails() {
    Map<String, Object> body = validLaunch("key-5");
    body.remove("channel_type");

    HttpResponse<String> r = http.launchWithKey(token, body, "\"other\"");

    assertThat(RawHttp.details(r))
        .containsExactlyInAnyOrder("channel_type required", "Idempotency-Key not_allowed");
  }

  @Test
  void anExecutionIdIsFreeAgainAfterSevenDays() {
    TestClock clock = TestClock.at(java.time.Instant.parse("2026-11-28T10:00:00Z"));
    try (FlowExecutionsEmulator e =
        FlowExecutionsEmulator.builder()
            .clock(clock)
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start()) {
      RawHttp h = new RawHttp(e);
      String t = e.issueToken(Set.of("flow:execute"));
      assertThat(h.launch(t, validLaunch("week-1")).statusCode()).isEqualTo(201);
      clock.advance(Duration.ofDays(7).minusSeconds(1));
      assertThat(h.launch(t, validLaunch("week-1")).statusCode()).isEqualTo(200);

      clock.advance(Duration.ofSeconds(1));

      assertThat(h.launch(t, validLaunch("week-1")).statusCode()).isEqualTo(201);
    }
  }
}
