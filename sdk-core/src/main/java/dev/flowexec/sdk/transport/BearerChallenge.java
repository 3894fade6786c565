package dev.flowexec.sdk.transport;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code Bearer} challenge of a {@code WWW-Authenticate} header (RFC 6750 §3, RFC 9110
 * §11.6.1): the scheme matched without regard to case, parameters in any order, values as tokens or
 * quoted strings with backslash escapes, other challenges skipped.
 */
final class BearerChallenge {
  private final String header;
  private int pos;

  private BearerChallenge(String header) {
    this.header = header;
  }

  /**
   * Returns the parameters of the first {@code Bearer} challenge, names in lower case, or empty
   * when the header has no such challenge. Malformed input yields what could be read before it.
   */
  public static Optional<Map<String, String>> parse(String header) {
    return header == null ? Optional.empty() : new BearerChallenge(header).findBearer();
  }

  private Optional<Map<String, String>> findBearer() {
    while (true) {
      skipSeparators();
      String scheme = readToken();
      if (scheme.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> params = readParams();
      if (scheme.equalsIgnoreCase("Bearer")) {
        return Optional.of(params);
      }
    }
  }

  /** Reads {@code name=value} pairs until the next challenge's scheme or the end. */
  private Map<String, String> readParams() {
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      skipSeparators();
      int start = pos;
      String name = readToken();
      skipSpaces();
      if (name.isEmpty() || pos >= header.length() || header.charAt(pos) != '=') {
        pos = start; // a token without '=' starts the next challenge
        if (name.isEmpty() && pos < header.length()) {
          pos++; // skip a stray character so parsing always advances
          continue;
        }
        return params;
      }
      pos++; // '='
      skipSpaces();
      String value =
          pos < header.length() && header.charAt(pos) == '"' ? readQuoted() : readToken();
      params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }
  }

  private String readQuoted() {
    StringBuilder value = new StringBuilder();
    pos++; // opening quote
    while (pos < header.length()) {
      char c = header.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c == '\\' && pos < header.length()) {
        c = header.charAt(pos++);
      }
      value.append(c);
    }
    return value.toString();
  }

  private String readToken() {
    int start = pos;
    while (pos < header.length()) {
      char c = header.charAt(pos);
      if (c <= ' ' || c == ',' || c == '=' || c == '"') {
        break;
      }
      pos++;
    }
    return header.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < header.length() && (header.charAt(pos) == ' ' || header.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private void skipSeparators() {
    while (pos < header.length() && (header.charAt(pos) <= ' ' || header.charAt(pos) == ',')) {
      pos++;
    }
  }
}
