package dev.flowexec.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to; its sleeper advances it instead of sleeping. */
final class ManualClock extends Clock {
  private volatile Instant now = Instant.parse("2026-11-28T10:00:00Z");

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  Sleeper sleeper(java.util.List<Duration> sleeps) {
    return duration -> {
      sleeps.add(duration);
      advance(duration);
    };
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
