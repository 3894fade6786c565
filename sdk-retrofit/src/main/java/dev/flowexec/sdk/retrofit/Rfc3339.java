package dev.flowexec.sdk.retrofit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Reads RFC 3339 timestamps. The service writes UTC ({@code 2026-11-28T10:00:00Z}, with or without
 * a fraction); that form is read digit by digit, because {@code OffsetDateTime.parse} allocates
 * about 1.4 KB per timestamp and every execution carries two or three. Anything else (an offset, a
 * leap second) goes through {@code OffsetDateTime.parse}. Not public API.
 */
final class Rfc3339 {
  private Rfc3339() {}

  /**
   * Returns the instant a timestamp names.
   *
   * @throws java.time.format.DateTimeParseException if the text is not RFC 3339
   */
  static Instant parse(String text) {
    Instant utc = parseUtc(text);
    return utc != null ? utc : OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, either case of T and Z, or null for other forms. */
  private static Instant parseUtc(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || (s.charAt(n - 1) != 'Z' && s.charAt(n - 1) != 'z')) {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n == 21) {
        return null;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z' && s.charAt(19) != 'z') {
      return null;
    }
    if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null; // let the full parser say what is wrong
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal value of {@code s[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
