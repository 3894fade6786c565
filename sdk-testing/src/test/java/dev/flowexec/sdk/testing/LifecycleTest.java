package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** QUEUED → RUNNING → final on a fake clock, per flow outcome. */
class LifecycleTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));

  private FlowExecutionsEmulator start(Outcome outcome) {
    return FlowExecutionsEmulator.builder()
        .clock(clock)
        .lifecycle(Duration.ofSeconds(2), Duration.ofSeconds(5))
        .flow(Flow.withId("abc-123").publishedVersion("1", "Start").outcome(outcome))
        .start();
  }

  private Map<String, Object> get(RawHttp http, String token, String id) {
    return RawHttp.json(http.getExecution(token, id));
  }

  @Test
  void completedWithOutputData() {
    try (FlowExecutionsEmulator emulator =
        start(Outcome.completed(Map.of("result", "sent", "count", 2)))) {
      RawHttp http = new RawHttp(emulator);
      String token = emulator.issueToken(Set.of("flow:execute"));
      http.launch(token, validLaunch("life-1"));

      assertThat(get(http, token, "life-1")).containsEntry("status", "QUEUED");
      clock.advance(Duration.ofSeconds(2));
      assertThat(get(http, token, "life-1"))
          .containsEntry("status", "RUNNING")
          .containsEntry("updated_at", "2026-11-28T10:00:02Z")
          .containsEntry("completed_at", null)
          .containsEntry("output_data", null);
      clock.advance(Duration.ofMillis(4999));
      assertThat(get(http, token, "life-1")).containsEntry("status", "RUNNING");
      clock.advance(Duration.ofMillis(1));
      assertThat(get(http, token, "life-1"))
          .containsEntry("status", "COMPLETED")
          .containsEntry("created_at", "2026-11-28T10:00:00Z")
          .containsEntry("updated_at", "2026-11-28T10:00:07Z")
          .containsEntry("completed_at", "2026-11-28T10:00:07Z")
          .containsEntry(
              "output_data", Map.of("result", "sent", "count", new java.math.BigDecimal(2)))
          .containsEntry("error", null);
      assertThat(emulator.execution("life-1").get().status()).isEqualTo("COMPLETED");
    }
  }

  @Test
  void failedWithAnError() {
    try (FlowExecutionsEmulator emulator = start(Outcome.failed("node_error", "Greet timed out"))) {
      RawHttp http = new RawHttp(emulator);
      String token = emulator.issueToken(Set.of("flow:execution:write"));
      http.launch(token, validLaunch("life-2"));

      clock.advance(Duration.ofSeconds(7));

      assertThat(get(http, token, "life-2"))
          .containsEntry("status", "FAILED")
          .containsEntry("output_data", null)
          .containsEntry("error", Map.of("code", "node_error", "message", "Greet timed out"));
    }
  }

  @Test
  void cancelledAndStaysRunning() {
    try (FlowExecutionsEmulator cancelled = start(Outcome.cancelled());
        FlowExecutionsEmulator forever = start(Outcome.staysRunning())) {
      String t1 = cancelled.issueToken(Set.of("flow:execute"));
      String t2 = forever.issueToken(Set.of("flow:execute"));
      new RawHttp(cancelled).launch(t1, validLaunch("life-3"));
      new RawHttp(forever).launch(t2, validLaunch("life-4"));

      clock.advance(Duration.ofDays(1));

      assertThat(get(new RawHttp(cancelled), t1, "life-3")).containsEntry("status", "CANCELLED");
      assertThat(get(new RawHttp(forever), t2, "life-4"))
          .containsEntry("status", "RUNNING")
          .containsEntry("completed_at", null);
    }
  }

  @Test
  void aReplayShowsTheCurrentStatus() {
    try (FlowExecutionsEmulator emulator = start(Outcome.completed(Map.of()))) {
      RawHttp http = new RawHttp(emulator);
      String token = emulator.issueToken(Set.of("flow:execute"));
      http.launch(token, validLaunch("life-5"));
      clock.advance(Duration.ofSeconds(3));

      assertThat(RawHttp.json(http.launch(token, validLaunch("life-5"))))
          .containsEntry("status", "RUNNING");
    }
  }
}
