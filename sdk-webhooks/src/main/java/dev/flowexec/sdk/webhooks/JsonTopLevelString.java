package dev.flowexec.sdk.webhooks;

import java.nio.charset.StandardCharsets;

/**
 * Finds the string value of one top-level member of a JSON object, such as a Stripe event's {@code
 * "id"}, without a JSON library (this module depends on sdk-core only). Nested objects and arrays
 * are skipped, strings are decoded with their escapes. Anything that is not a JSON object with that
 * member as a string gives null; a caller that needs the whole document parses it with a real
 * parser after verification.
 */
final class JsonTopLevelString {
  private final String text;
  private int pos;

  private JsonTopLevelString(byte[] json) {
    this.text = new String(json, StandardCharsets.UTF_8);
  }

  /** The value of the top-level string member {@code name}, or null. */
  static String find(byte[] json, String name) {
    try {
      return new JsonTopLevelString(json).member(name);
    } catch (IllegalStateException | IndexOutOfBoundsException malformed) {
      return null;
    }
  }

  private String member(String name) {
    skipWhitespace();
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      return null;
    }
    while (true) {
      skipWhitespace();
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (key.equals(name) && peek() == '"') {
        return string();
      }
      skipValue();
      skipWhitespace();
      char next = text.charAt(pos++);
      if (next == '}') {
        return null;
      }
      if (next != ',') {
        throw new IllegalStateException("expected , or } at " + (pos - 1));
      }
    }
  }

  private void skipValue() {
    char c = peek();
    if (c == '"') {
      string();
    } else if (c == '{' || c == '[') {
      int depth = 0;
      do {
        char d = peek();
        if (d == '"') {
          string();
          continue;
        }
        if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          depth--;
        }
        pos++;
      } while (depth > 0);
    } else {
      int start = pos;
      while (pos < text.length() && "-+.eE0123456789truefalsn".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      if (pos == start) {
        throw new IllegalStateException("no value at " + start);
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw new IllegalStateException("control character in a string at " + (pos - 1));
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escape = text.charAt(pos++);
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          value.append(escape);
          break;
        case 'b':
          value.append('\b');
          break;
        case 'f':
          value.append('\f');
          break;
        case 'n':
          value.append('\n');
          break;
        case 'r':
          value.append('\r');
          break;
        case 't':
          value.append('\t');
          break;
        case 'u':
          value.append((char) Integer.parseInt(hex4(), 16));
          break;
        default:
          throw new IllegalStateException("bad escape at " + (pos - 1));
      }
    }
  }

  private String hex4() {
    String hex = text.substring(pos, pos + 4);
    if (!hex.matches("[0-9a-fA-F]{4}")) {
      throw new IllegalStateException("bad \\u escape at " + pos);
    }
    pos += 4;
    return hex;
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() {
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (text.charAt(pos) != c) {
      throw new IllegalStateException("expected " + c + " at " + pos);
    }
    pos++;
  }
}
