package dev.flowexec.sdk.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** The tolerance around now that a signed timestamp must fall in, in both directions. */
final class TimestampWindow {
  static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

  private final Duration tolerance;
  private final Clock clock;

  TimestampWindow(Duration tolerance, Clock clock) {
    this.tolerance = checkTolerance(tolerance);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  static Duration checkTolerance(Duration tolerance) {
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException(
          "tolerance must be positive, such as 5 minutes: " + tolerance);
    }
    return tolerance;
  }

  /** Reads a timestamp in whole seconds since the epoch, as the schemes send it. */
  static Instant parseSeconds(String header, String value) {
    if (!SECONDS.matcher(value).matches()) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.MALFORMED_HEADER,
          "the " + header + " timestamp is not whole seconds since 1970 (such as 1614265330)");
    }
    return Instant.ofEpochSecond(Long.parseLong(value));
  }

  /** Throws unless {@code timestamp} is within the tolerance of now. */
  void check(Instant timestamp) {
    Instant now = clock.instant();
    if (timestamp.isBefore(now.minus(tolerance))) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD,
          "the delivery was signed at "
              + timestamp
              + ", more than "
              + tolerance.toSeconds()
              + " s before now ("
              + now
              + "): stale or replayed, or this server's clock is off");
    }
    if (timestamp.isAfter(now.plus(tolerance))) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.TIMESTAMP_TOO_NEW,
          "the delivery was signed at "
              + timestamp
              + ", more than "
              + tolerance.toSeconds()
              + " s after now ("
              + now
              + "): the sender's or this server's clock is off");
    }
  }

  Duration tolerance() {
    return tolerance;
  }
}
