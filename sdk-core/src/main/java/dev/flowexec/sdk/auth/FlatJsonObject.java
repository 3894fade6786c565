package dev.flowexec.sdk.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level members of a JSON object, read strictly (RFC 8259) without any library, for the
 * small bodies of a token endpoint. Strings keep their value, numbers their text; {@code null} is
 * absent; booleans, arrays and objects are recorded as {@link #NOT_SCALAR} (so a caller can say a
 * field has the wrong type) and their content is validated but dropped. Nesting is bounded, so a
 * hostile body cannot overflow the stack.
 */
final class FlatJsonObject {
  /** The value recorded for a boolean, array or object member. */
  public static final String NOT_SCALAR = "\u0000not-a-string-or-number";

  private static final int MAX_DEPTH = 64;

  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, String> numbers = new HashMap<>();
  private final Map<String, Boolean> present = new HashMap<>();
  private final String text;
  private int pos;

  private FlatJsonObject(String text) {
    this.text = text;
  }

  /**
   * Parses a JSON object.
   *
   * @param text the JSON text
   * @return the object's members
   * @throws IllegalArgumentException with what is wrong and where, when the text is not one JSON
   *     object (the message never quotes the text)
   */
  public static FlatJsonObject parse(String text) {
    FlatJsonObject object = new FlatJsonObject(text);
    object.skipSpace();
    if (object.pos >= text.length() || text.charAt(object.pos) != '{') {
      throw new IllegalArgumentException("it is not a JSON object");
    }
    object.readObject(0, true);
    object.skipSpace();
    if (object.pos != text.length()) {
      throw object.error("text after the JSON object");
    }
    return object;
  }

  /**
   * Returns a string member.
   *
   * @param name the member's name
   * @return its value; empty when absent or null
   */
  public Optional<String> string(String name) {
    return Optional.ofNullable(strings.get(name));
  }

  /**
   * Returns a number member's text, such as {@code 3600} or {@code 4e16}.
   *
   * @param name the member's name
   * @return the number as written; empty when absent, null or not a number
   */
  public Optional<String> number(String name) {
    return Optional.ofNullable(numbers.get(name));
  }

  /**
   * Tells whether a member is present with a value that is neither a string, a number nor null.
   *
   * @param name the member's name
   * @return true for a boolean, array or object
   */
  public boolean isNotScalar(String name) {
    return Boolean.TRUE.equals(present.get(name))
        && !strings.containsKey(name)
        && !numbers.containsKey(name);
  }

  private void readObject(int depth, boolean top) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    pos++; // '{'
    skipSpace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("a member name was expected");
      }
      String name = readString();
      skipSpace();
      if (peek() != ':') {
        throw error("':' was expected");
      }
      pos++;
      skipSpace();
      readValue(top ? name : null, depth);
      skipSpace();
      char next = peek();
      pos++;
      if (next == '}') {
        return;
      }
      if (next != ',') {
        throw error("',' or '}' was expected");
      }
    }
  }

  private void readArray(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    pos++; // '['
    skipSpace();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      readValue(null, depth);
      skipSpace();
      char next = peek();
      pos++;
      if (next == ']') {
        return;
      }
      if (next != ',') {
        throw error("',' or ']' was expected");
      }
    }
  }

  /** Reads one value; records it when {@code member} names a top-level member. */
  private void readValue(String member, int depth) {
    char c = peek();
    if (c == '"') {
      String value = readString();
      record(member, value, strings);
    } else if (c == '{') {
      readObject(depth + 1, false);
      record(member, NOT_SCALAR, null);
    } else if (c == '[') {
      readArray(depth + 1);
      record(member, NOT_SCALAR, null);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      record(member, readNumber(), numbers);
    } else if (literal("true") || literal("false")) {
      record(member, NOT_SCALAR, null);
    } else if (literal("null")) {
      if (member != null) {
        strings.remove(member);
        numbers.remove(member);
        present.remove(member);
      }
    } else {
      throw error("a JSON value was expected");
    }
  }

  private void record(String member, String value, Map<String, String> into) {
    if (member == null) {
      return;
    }
    strings.remove(member);
    numbers.remove(member);
    present.put(member, Boolean.TRUE);
    if (into != null) {
      into.put(member, value);
    }
  }

  private boolean literal(String word) {
    if (text.startsWith(word, pos)) {
      pos += word.length();
      return true;
    }
    return false;
  }

  private String readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("a digit was expected");
    }
    if (peek() == '.') {
      pos++;
      requireDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      requireDigits();
    }
    return text.substring(start, pos);
  }

  private void requireDigits() {
    if (!isDigit(peek())) {
      throw error("a digit was expected");
    }
    while (isDigit(peek())) {
      pos++;
    }
  }

  private String readString() {
    pos++; // '"'
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("a string is not closed");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw error("a control character in a string");
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("a string is not closed");
      }
      char escape = text.charAt(pos++);
      switch (escape) {
        case '"':
          value.append('"');
          break;
        case '\\':
          value.append('\\');
          break;
        case '/':
          value.append('/');
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
          if (pos + 4 > text.length()) {
            throw error("a \\u escape is cut");
          }
          try {
            value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException e) {
            throw error("a \\u escape is not hexadecimal");
          }
          pos += 4;
          break;
        default:
          throw error(
              "an unknown escape \\"
                  + (escape < 0x20 || escape > 0x7e ? "?" : String.valueOf(escape)));
      }
    }
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("the JSON ends early");
    }
    return text.charAt(pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + pos);
  }
}
