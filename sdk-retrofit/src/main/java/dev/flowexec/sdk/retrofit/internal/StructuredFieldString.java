package dev.flowexec.sdk.retrofit.internal;

/** Writes an RFC 8941 sf-string, as the {@code Idempotency-Key} header needs. Not public API. */
public final class StructuredFieldString {
  private StructuredFieldString() {}

  /**
   * Quotes a value: {@code abc} becomes {@code "abc"}, with {@code \} and {@code "} escaped.
   *
   * @param value printable ASCII (0x20 to 0x7E)
   * @return the sf-string
   * @throws IllegalArgumentException if the value has a character an sf-string cannot carry
   */
  public static String of(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(String.format(
            "flow_execution_id has the character U+%04X at index %d, which an Idempotency-Key cannot carry: use A-Z a-z 0-9 _ -",
            (int) c, i));
      }
      if (c == '\\' || c == '"') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('"').toString();
  }
}
