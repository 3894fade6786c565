package dev.flowexec.sdk.testing.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Formats the timestamps the emulator writes. */
public final class HttpDates {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private HttpDates() {}

  /**
   * An HTTP-date in the IMF-fixdate form of RFC 9110 §5.6.7.
   *
   * @param instant the instant, truncated to seconds
   * @return for example {@code Sat, 28 Nov 2026 10:00:02 GMT}
   */
  public static String imfFixdate(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /**
   * An RFC 3339 timestamp in UTC with at most millisecond precision.
   *
   * @param instant the instant
   * @return for example {@code 2026-11-28T10:00:00Z} or {@code 2026-11-28T10:00:00.250Z}
   */
  public static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
