package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * When and how long to wait before trying a call again.
 *
 * <p>Retried: {@code 429 rate_limited}; {@code 500}, {@code 502}, {@code 503} and {@code 504};
 * {@code 409 request_in_progress}; and {@link TransportException} (no usable response). Never
 * retried: {@code 400}, {@code 401} (after the transport's one token refresh), {@code 403}, {@code
 * 404}, {@code 409 flow_not_published}, {@code 413}, {@code 422}, and codes this SDK does not know.
 * Retrying a launch is safe: every attempt sends the same {@code flow_execution_id} as its
 * idempotency key, so the service starts at most one execution.
 *
 * <p>The delay before retry <i>n</i> is {@code initialBackoff × multiplier^(n-1)}, capped at {@code
 * maxBackoff}, less a random share of up to {@code jitter} of it (so that many clients do not retry
 * in step). When the service sends {@code Retry-After}, the delay is at least that, capped at
 * {@code maxRetryAfter}. The client's deadline bounds it all: no retry starts that could not finish
 * in time.
 *
 * <p>Defaults: 3 attempts, 200 ms initial backoff, multiplier 2, 5 s max backoff, jitter 0.5,
 * {@code Retry-After} honoured up to 30 s.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder().maxAttempts(5).maxRetryAfter(Duration.ofMinutes(1)).build();
 * }</pre>
 */
@Value.Immutable
public abstract class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  RetryPolicy() {}

  /**
   * Returns the default policy.
   *
   * @return 3 attempts with exponential backoff and jitter
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a policy that never retries.
   *
   * @return one attempt only
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Starts a builder; every field has a default.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the most attempts a call makes, the first included.
   *
   * @return at least 1; default 3
   */
  @Value.Default
  public int maxAttempts() {
    return 3;
  }

  /**
   * Returns the delay before the first retry, before jitter.
   *
   * @return default 200 ms
   */
  @Value.Default
  public Duration initialBackoff() {
    return Duration.ofMillis(200);
  }

  /**
   * Returns the factor by which the delay grows with each retry.
   *
   * @return at least 1; default 2
   */
  @Value.Default
  public double multiplier() {
    return 2.0;
  }

  /**
   * Returns the longest backoff delay.
   *
   * @return default 5 s
   */
  @Value.Default
  public Duration maxBackoff() {
    return Duration.ofSeconds(5);
  }

  /**
   * Returns the largest share of a backoff delay taken off at random.
   *
   * @return from 0 (no jitter) to 1; default 0.5
   */
  @Value.Default
  public double jitter() {
    return 0.5;
  }

  /**
   * Returns the longest {@code Retry-After} the client honours; a longer one is cut to this.
   *
   * @return default 30 s
   */
  @Value.Default
  public Duration maxRetryAfter() {
    return Duration.ofSeconds(30);
  }

  /**
   * Tells whether a failure is worth another attempt, whatever the attempt count.
   *
   * @param failure the failure of the last attempt
   * @return true for rate limits, 500/502/503/504, a launch still in progress, and I/O failures
   */
  public boolean isRetryable(FlowApiException failure) {
    if (failure instanceof RateLimitedException || failure instanceof TransportException) {
      return true;
    }
    if (failure instanceof ServerException) {
      int status = failure.statusCode();
      return status == 500 || status == 502 || status == 503 || status == 504;
    }
    return failure instanceof IdempotencyConflictException
        && ((IdempotencyConflictException) failure).isInProgress();
  }

  /**
   * Returns the delay before the retry that follows attempt {@code attempt}.
   *
   * @param attempt the number of the attempt that failed, from 1
   * @param failure its failure, whose {@code Retry-After} is honoured
   * @param random a number in [0, 1) that picks the jitter
   * @return the delay
   */
  public Duration delayBeforeRetry(int attempt, FlowApiException failure, double random) {
    double base = initialBackoff().toNanos() * Math.pow(multiplier(), attempt - 1.0);
    double capped = Math.min(base, (double) maxBackoff().toNanos());
    Duration backoff = Duration.ofNanos((long) (capped * (1 - jitter() * random)));
    return failure
        .retryAfter()
        .map(asked -> asked.compareTo(maxRetryAfter()) > 0 ? maxRetryAfter() : asked)
        .filter(asked -> asked.compareTo(backoff) > 0)
        .orElse(backoff);
  }

  /**
   * Returns a copy with another value of the most attempts a call makes, the first included.
   *
   * @param maxAttempts at least 1
   * @return the copy
   * @throws IllegalArgumentException if the value is out of range
   */
  public abstract RetryPolicy withMaxAttempts(int maxAttempts);

  /**
   * Returns a copy with another value of the delay before the first retry, before jitter.
   *
   * @param initialBackoff zero or more
   * @return the copy
   * @throws IllegalArgumentException if the value is out of range
   */
  public abstract RetryPolicy withInitialBackoff(Duration initialBackoff);

  /**
   * Returns a copy with another value of the factor by which the delay grows with each retry.
   *
   * @param multiplier at least 1
   * @return the copy
   * @throws IllegalArgumentException if the value is out of range
   */
  public abstract RetryPolicy withMultiplier(double multiplier);

  /**
   * Returns a copy with another value of the longest backoff delay.
   *
   * @param maxBackoff at least {@code initialBackoff}
   * @return the copy
   * @throws IllegalArgumentException if the value is out of range
   */
  public abstract RetryPolicy withMaxBackoff(Duration maxBackoff);

  /**
   * Returns a copy with another value of the largest share of a backoff delay taken off at random.
   *
   * @param jitter from 0 to 1
   * @return the copy
   * @throws IllegalArgumentException if the value is out of range
   */
  public abstract RetryPolicy withJitter(double jitter);

  /**
   * Returns a copy with another value of the longest {@code Retry-After} the client honours.
   *
   * @param maxRetryAfter zero or more
   * @return the copy
   * @throws IllegalArgumentException if the value is out of range
   */
  public abstract RetryPolicy withMaxRetryAfter(Duration maxRetryAfter);

  @Value.Check
  void check() {
    require(maxAttempts() >= 1, "maxAttempts is " + maxAttempts() + ": use 1 (no retry) or more");
    require(!initialBackoff().isNegative(), "initialBackoff is negative: use zero or more");
    require(multiplier() >= 1, "multiplier is " + multiplier() + ": use 1 or more");
    require(
        maxBackoff().compareTo(initialBackoff()) >= 0,
        "maxBackoff is less than initialBackoff: raise maxBackoff to at least " + initialBackoff());
    require(jitter() >= 0 && jitter() <= 1, "jitter is " + jitter() + ": use a share from 0 to 1");
    require(!maxRetryAfter().isNegative(), "maxRetryAfter is negative: use zero or more");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Builds a {@link RetryPolicy}; every field has a default. */
  public static final class Builder {
    private final ImmutableRetryPolicy.Builder builder = ImmutableRetryPolicy.newBuilder();

    private Builder() {}

    /**
     * Sets the most attempts a call makes, the first included.
     *
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      builder.maxAttempts(maxAttempts);
      return this;
    }

    /**
     * Sets the delay before the first retry, before jitter.
     *
     * @param initialBackoff zero or more
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      builder.initialBackoff(initialBackoff);
      return this;
    }

    /**
     * Sets the factor by which the delay grows with each retry.
     *
     * @param multiplier at least 1
     * @return this builder
     */
    public Builder multiplier(double multiplier) {
      builder.multiplier(multiplier);
      return this;
    }

    /**
     * Sets the longest backoff delay.
     *
     * @param maxBackoff at least {@code initialBackoff}
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      builder.maxBackoff(maxBackoff);
      return this;
    }

    /**
     * Sets the largest share of a backoff delay taken off at random.
     *
     * @param jitter from 0 to 1
     * @return this builder
     */
    public Builder jitter(double jitter) {
      builder.jitter(jitter);
      return this;
    }

    /**
     * Sets the longest {@code Retry-After} the client honours.
     *
     * @param maxRetryAfter zero or more
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      builder.maxRetryAfter(maxRetryAfter);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if a value is out of range, naming it and the fix
     */
    public RetryPolicy build() {
      return builder.build();
    }
  }
}
