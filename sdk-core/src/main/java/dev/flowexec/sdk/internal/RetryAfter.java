package dev.flowexec.sdk.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date in any of its three
 * forms (IMF-fixdate, RFC 850, asctime). A date in the past means no wait. Not public API.
 */
public final class RetryAfter {
  private static final List<DateTimeFormatter> HTTP_DATES =
      List.of(
          DateTimeFormatter.RFC_1123_DATE_TIME,
          new DateTimeFormatterBuilder()
              .appendPattern("EEEE, dd-MMM-")
              .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
              .appendPattern(" HH:mm:ss z")
              .toFormatter(Locale.US),
          DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
              .withZone(java.time.ZoneOffset.UTC));

  private RetryAfter() {}

  /** Returns the delay the header asks for, measured from {@code now}; empty when unreadable. */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // Nine digits is over 31 years: treat longer values as "a very long time" without overflow.
      return Optional.of(
          Duration.ofSeconds(text.length() > 9 ? 999_999_999L : Long.parseLong(text)));
    }
    for (DateTimeFormatter format : HTTP_DATES) {
      try {
        Instant at = ZonedDateTime.parse(text, format).toInstant();
        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
      } catch (DateTimeParseException notThisForm) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  /** Returns a delay from the body's {@code retry_after_seconds}, if it is a sane number. */
  public static Optional<Duration> ofSeconds(double seconds) {
    if (!(seconds >= 0) || seconds > 999_999_999) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
  }
}
