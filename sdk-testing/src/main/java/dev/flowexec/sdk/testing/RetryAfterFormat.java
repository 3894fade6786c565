package dev.flowexec.sdk.testing;

/** The two forms of the {@code Retry-After} header (RFC 9110 §10.2.3). */
public enum RetryAfterFormat {
  /** A number of seconds, such as {@code Retry-After: 2}. */
  DELAY_SECONDS,
  /** An IMF-fixdate in GMT, such as {@code Retry-After: Sat, 28 Nov 2026 10:00:02 GMT}. */
  HTTP_DATE
}
