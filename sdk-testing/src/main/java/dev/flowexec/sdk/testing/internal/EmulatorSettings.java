package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration an emulator was built with. Immutable. */
public final class EmulatorSettings {
  /** How long executions are kept. */
  public static final Duration RETENTION = Duration.ofDays(7);

  private final Clock clock;
  private final Map<String, RegisteredClient> clients;
  private final Map<String, Flow> flows;
  private final Duration tokenLifetime;
  private final Duration queuedFor;
  private final Duration runningFor;
  private final int rateLimitPermits;
  private final Duration rateLimitWindow;
  private final RetryAfterFormat retryAfterFormat;
  private final int requestHistoryLimit;

  /**
   * Creates settings.
   *
   * @param clock the clock for token expiry, lifecycle, retention and rate limiting
   * @param clients the OAuth clients by id
   * @param flows the flows by id
   * @param tokenLifetime the {@code expires_in} of tokens from the token endpoint
   * @param queuedFor how long executions stay {@code QUEUED}
   * @param runningFor how long executions then stay {@code RUNNING}
   * @param rateLimitPermits API requests allowed per window, 0 for no limit
   * @param rateLimitWindow the rate-limit window
   * @param retryAfterFormat the {@code Retry-After} form of the rate limit
   * @param requestHistoryLimit how many requests to keep for inspection
   */
  public EmulatorSettings(
      Clock clock,
      Map<String, RegisteredClient> clients,
      Map<String, Flow> flows,
      Duration tokenLifetime,
      Duration queuedFor,
      Duration runningFor,
      int rateLimitPermits,
      Duration rateLimitWindow,
      RetryAfterFormat retryAfterFormat,
      int requestHistoryLimit) {
    this.clock = clock;
    this.clients =
        Collections.unmodifiableMap(new LinkedHashMap<>(clients)); // in registration order
    this.flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows));
    this.tokenLifetime = tokenLifetime;
    this.queuedFor = queuedFor;
    this.runningFor = runningFor;
    this.rateLimitPermits = rateLimitPermits;
    this.rateLimitWindow = rateLimitWindow;
    this.retryAfterFormat = retryAfterFormat;
    this.requestHistoryLimit = requestHistoryLimit;
  }

  /** Returns the clock. */
  public Clock clock() {
    return clock;
  }

  /** Returns the OAuth clients by id. */
  public Map<String, RegisteredClient> clients() {
    return clients;
  }

  /** Returns the flows by id. */
  public Map<String, Flow> flows() {
    return flows;
  }

  /** Returns the lifetime of tokens from the token endpoint. */
  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  /** Returns how long executions stay {@code QUEUED}. */
  public Duration queuedFor() {
    return queuedFor;
  }

  /** Returns how long executions stay {@code RUNNING}. */
  public Duration runningFor() {
    return runningFor;
  }

  /** Returns API requests allowed per window, 0 for no limit. */
  public int rateLimitPermits() {
    return rateLimitPermits;
  }

  /** Returns the rate-limit window. */
  public Duration rateLimitWindow() {
    return rateLimitWindow;
  }

  /** Returns the {@code Retry-After} form of the rate limit. */
  public RetryAfterFormat retryAfterFormat() {
    return retryAfterFormat;
  }

  /** Returns how many requests are kept for inspection. */
  public int requestHistoryLimit() {
    return requestHistoryLimit;
  }
}
