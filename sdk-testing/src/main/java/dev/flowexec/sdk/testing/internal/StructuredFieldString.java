package dev.flowexec.sdk.testing.internal;

import java.util.Optional;

/** Reads an RFC 8941 sf-string, the form of the {@code Idempotency-Key} header. */
public final class StructuredFieldString {
  private StructuredFieldString() {}

  /**
   * Parses a header value that must be exactly one sf-string: a double-quoted run of printable
   * ASCII in which {@code "} and {@code \} are escaped with a backslash. Surrounding spaces are
   * allowed.
   *
   * @param headerValue the header value
   * @return the unescaped string, or empty if the value is not an sf-string
   */
  public static Optional<String> parse(String headerValue) {
    String s = headerValue.strip();
    if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return Optional.empty();
      }
      if (c == '\\') {
        if (i + 1 >= s.length() - 1) {
          return Optional.empty();
        }
        char next = s.charAt(++i);
        if (next != '"' && next != '\\') {
          return Optional.empty();
        }
        out.append(next);
      } else if (c == '"') {
        return Optional.empty();
      } else {
        out.append(c);
      }
    }
    return Optional.of(out.toString());
  }
}
