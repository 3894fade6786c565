package dev.flowexec.sdk.testing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A fixed-window limit on the emulator's clock: at most {@code permits} requests per window; the
 * request over it learns how long until the window ends. Thread-safe.
 */
public final class RateLimiter {
  private final Clock clock;
  private final int permits;
  private final Duration window;
  private Instant windowStart;
  private int used;

  /**
   * Creates a limiter.
   *
   * @param clock the clock
   * @param permits requests allowed per window; 0 or less for no limit
   * @param window the window
   */
  public RateLimiter(Clock clock, int permits, Duration window) {
    this.clock = clock;
    this.permits = permits;
    this.window = window;
  }

  /**
   * Takes a permit.
   *
   * @return {@code null} if allowed, else how long until the window ends
   */
  public synchronized Duration acquire() {
    if (permits <= 0) {
      return null;
    }
    Instant now = clock.instant();
    if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
      windowStart = now;
      used = 0;
    }
    if (used < permits) {
      used++;
      return null;
    }
    return Duration.between(now, windowStart.plus(window));
  }

  /** Starts a fresh window at the next request. */
  public synchronized void reset() {
    windowStart = null;
    used = 0;
  }
}
