package dev.flowexec.sdk.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that moves only when a test moves it. Give it to the emulator (which runs the
 * execution lifecycle, token lifetimes and the rate limit on it) and take the client from {@link
 * FlowExecutionsEmulator#newClient()}, whose clock, sleeper and scheduler all run on it: a test
 * walks an execution from {@code QUEUED} to {@code COMPLETED}, and through retry backoffs, without
 * waiting. (By hand, a client needs {@code .clock(clock).sleeper(clock::advance)}: with the clock
 * alone, its sleeps would be real while its deadlines never come.) Thread-safe.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
 * FlowExecutionsEmulator emulator = FlowExecutionsEmulator.builder().clock(clock).start();
 * clock.advance(Duration.ofSeconds(5));
 * }</pre>
 */
public final class TestClock extends Clock {
  private volatile Instant now;

  private TestClock(Instant now) {
    this.now = now;
  }

  /**
   * Returns a clock that reads {@code start} until it is moved.
   *
   * @param start the first instant
   * @return the clock
   */
  public static TestClock at(Instant start) {
    return new TestClock(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far; zero or positive
   * @throws IllegalArgumentException if {@code duration} is negative: time does not run back
   */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "duration is "
              + duration
              + ": a test clock only moves forward; use a new clock to start over");
    }
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Returns UTC, the only zone of this clock. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Returns this clock: its instants are the same in every zone, and it stays in UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "TestClock[" + now + "]";
  }
}
