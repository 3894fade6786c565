package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.transport.CallOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import retrofit2.Call;

/**
 * The time one attempt may take: {@link CallOptions#timeout()} (and {@link CallOptions#deadline()}
 * when set), never more than the transport's call timeout. Every step of the attempt (the token
 * fetch, the API call, a refresh after {@code 401}) gets what is left, through OkHttp's call
 * timeout. Not public API.
 */
final class AttemptBudget {
  private final long startNanos;
  private final long budgetNanos;

  private AttemptBudget(long startNanos, long budgetNanos) {
    this.startNanos = startNanos;
    this.budgetNanos = budgetNanos;
  }

  /**
   * Starts the clock of an attempt.
   *
   * @param options the attempt's options
   * @param callTimeout the transport's upper bound on one call
   * @param clock the clock that {@link CallOptions#deadline()} is measured against
   * @return the budget
   */
  public static AttemptBudget start(CallOptions options, Duration callTimeout, Clock clock) {
    long start = System.nanoTime();
    Duration budget = callTimeout;
    Duration timeout = options.timeout().orElse(null);
    if (timeout != null && timeout.compareTo(budget) < 0) {
      budget = timeout;
    }
    Instant deadline = options.deadline().orElse(null);
    if (deadline != null) {
      Duration untilDeadline = Duration.between(clock.instant(), deadline);
      if (untilDeadline.compareTo(budget) < 0) {
        budget = untilDeadline.isNegative() ? Duration.ZERO : untilDeadline;
      }
    }
    return new AttemptBudget(start, saturatedNanos(budget));
  }

  /**
   * Returns the whole budget, for messages.
   *
   * @return milliseconds, rounded up
   */
  public long totalMillis() {
    return TimeUnit.NANOSECONDS.toMillis(budgetNanos + 999_999);
  }

  /**
   * Returns the time left.
   *
   * @return the time left, zero or more
   */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, budgetNanos - (System.nanoTime() - startNanos)));
  }

  /**
   * Gives a call the time left as its OkHttp call timeout, which covers connecting, sending and
   * reading the whole body.
   *
   * @param call the call, not yet started
   * @param action what the call does, for the message when no time is left
   * @throws dev.flowexec.sdk.errors.TransportException when no time is left: the call was not sent
   *     (a re-send after {@code 401 invalid_token} follows a request the service refused)
   */
  public void applyTo(Call<?> call, String action) {
    long left = budgetNanos - (System.nanoTime() - startNanos);
    if (left <= 0) {
      throw TransportFailures.outOfTime(action, totalMillis());
    }
    call.timeout().timeout(left, TimeUnit.NANOSECONDS);
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2;
    }
  }
}
