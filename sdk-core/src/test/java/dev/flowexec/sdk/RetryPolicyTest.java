package dev.flowexec.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backoffGrowsExponentiallyUpToTheCap() {
    RetryPolicy policy = RetryPolicy.builder().jitter(0).build();

    assertThat(policy.delayBeforeRetry(1, TestValues.unavailable(), 0.9))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayBeforeRetry(2, TestValues.unavailable(), 0.9))
        .isEqualTo(Duration.ofMillis(400));
    assertThat(policy.delayBeforeRetry(10, TestValues.unavailable(), 0.9))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterTakesOffAtMostItsShare() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.delayBeforeRetry(1, TestValues.unavailable(), 0.0))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayBeforeRetry(1, TestValues.unavailable(), 0.999999))
        .isBetween(Duration.ofMillis(100), Duration.ofMillis(101));
  }

  @Test
  void retryAfterIsAFloorCappedByMaxRetryAfter() {
    RetryPolicy policy = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build();

    assertThat(policy.delayBeforeRetry(1, TestValues.rateLimited(Duration.ofSeconds(3)), 0))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.delayBeforeRetry(1, TestValues.rateLimited(Duration.ofHours(1)), 0))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.delayBeforeRetry(1, TestValues.rateLimited(Duration.ZERO), 0))
        .isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void noneMakesOneAttempt() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
  }

  @Test
  void nonsenseSettingsAreRefusedWithTheFix() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .hasMessageContaining("maxAttempts is 0: use 1 (no retry) or more");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(2).build())
        .hasMessageContaining("jitter is 2.0");
    assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(1)).build())
        .hasMessageContaining("maxBackoff is less than initialBackoff");
  }
}
