package dev.flowexec.sdk.testing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that reads another clock plus an offset that only grows: what the control API moves when
 * the emulator does not run on a {@code TestClock} (the standalone emulator, say). Thread-safe.
 */
public final class ShiftedClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  /**
   * Creates a clock reading {@code base} until it is advanced.
   *
   * @param base the underlying clock
   */
  public ShiftedClock(Clock base) {
    this.base = base;
  }

  /**
   * Moves this clock forward.
   *
   * @param duration how far, zero or positive
   */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward: " + duration);
    }
    offset = offset.plus(duration);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "ShiftedClock[" + base + " + " + offset + "]";
  }
}
