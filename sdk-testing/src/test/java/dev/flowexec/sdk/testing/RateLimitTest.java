package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 429 rate_limited with Retry-After in both forms, from the limiter and from faults. */
class RateLimitTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));

  private FlowExecutionsEmulator start(RetryAfterFormat format) {
    return FlowExecutionsEmulator.builder()
        .clock(clock)
        .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
        .rateLimit(2, Duration.ofSeconds(10), format)
        .start();
  }

  @Test
  void overTheLimitRetryAfterIsInSeconds() {
    try (FlowExecutionsEmulator emulator = start(RetryAfterFormat.DELAY_SECONDS)) {
      RawHttp http = new RawHttp(emulator);
      String token = emulator.issueToken(Set.of("flow:execute"));
      assertThat(http.launch(token, validLaunch("rl-1")).statusCode()).isEqualTo(201);
      clock.advance(Duration.ofMillis(2500));
      assertThat(http.getExecution(token, "rl-1").statusCode()).isEqualTo(200);

      HttpResponse<String> limited = http.launch(token, validLaunch("rl-2"));

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).contains("8");
      assertThat(RawHttp.json(limited))
          .containsEntry("error_code", "rate_limited")
          .containsEntry("retry_after_seconds", new BigDecimal(8));
      assertThat(emulator.execution("rl-2")).isEmpty();

      clock.advance(Duration.ofMillis(7500));
      assertThat(http.launch(token, validLaunch("rl-2")).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void overTheLimitRetryAfterIsAnHttpDate() {
    try (FlowExecutionsEmulator emulator = start(RetryAfterFormat.HTTP_DATE)) {
      RawHttp http = new RawHttp(emulator);
      String token = emulator.issueToken(Set.of("flow:execute"));
      http.launch(token, validLaunch("rl-3"));
      http.launch(token, validLaunch("rl-4"));
      clock.advance(Duration.ofSeconds(1));

      HttpResponse<String> limited = http.launch(token, validLaunch("rl-5"));

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After"))
          .contains("Sat, 28 Nov 2026 10:00:10 GMT");
      assertThat(RawHttp.json(limited)).containsEntry("retry_after_seconds", new BigDecimal(9));
    }
  }

  @Test
  void aRateLimitFaultInEitherForm() {
    try (FlowExecutionsEmulator emulator =
        FlowExecutionsEmulator.builder()
            .clock(clock)
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start()) {
      RawHttp http = new RawHttp(emulator);
      String token = emulator.issueToken(Set.of("flow:execute"));
      emulator
          .faults()
          .next(Fault.rateLimited(Duration.ofMillis(1500), RetryAfterFormat.DELAY_SECONDS))
          .next(Fault.rateLimited(Duration.ofSeconds(30), RetryAfterFormat.HTTP_DATE));

      HttpResponse<String> seconds = http.launch(token, validLaunch("rl-6"));
      HttpResponse<String> date = http.launch(token, validLaunch("rl-6"));
      HttpResponse<String> through = http.launch(token, validLaunch("rl-6"));

      assertThat(seconds.statusCode()).isEqualTo(429);
      assertThat(seconds.headers().firstValue("Retry-After")).contains("2");
      assertThat(RawHttp.json(seconds)).containsEntry("retry_after_seconds", new BigDecimal(2));
      assertThat(date.headers().firstValue("Retry-After"))
          .contains("Sat, 28 Nov 2026 10:00:30 GMT");
      assertThat(RawHttp.json(date)).containsEntry("retry_after_seconds", new BigDecimal(30));
      assertThat(through.statusCode()).isEqualTo(201);
      assertThat(emulator.launchAttempts("rl-6")).isEqualTo(3);
      assertThat(emulator.executionCount()).isEqualTo(1);
    }
  }
}
