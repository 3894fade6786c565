package dev.flowexec.sdk.integration.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for assertions, independent of the SDK's Moshi (numbers kept as {@link
 * BigDecimal}, objects in document order, duplicate names refused) and a deep comparison of
 * JSON-like values in which numbers are equal when their values are.
 */
public final class Json {
  private Json() {}

  /** Parses RFC 8259 JSON; an independent oracle, not the SDK's own (Moshi) reader. */
  public static Object parse(String text) {
    Parser parser = new Parser(text);
    parser.space();
    Object value = parser.value();
    parser.space();
    if (parser.pos != text.length()) {
      throw parser.error("text after the JSON value");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at offset " + pos);
    }

    void space() {
      while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    void expect(char c) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    Object value() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            space();
            if (s.startsWith("}", pos)) {
              pos++;
              return map;
            }
            while (true) {
              space();
              String name = string();
              if (map.containsKey(name)) {
                throw error("duplicate member " + name);
              }
              space();
              expect(':');
              space();
              map.put(name, value());
              space();
              if (s.startsWith(",", pos)) {
                pos++;
              } else {
                expect('}');
                return map;
              }
            }
          }
        case '[':
          {
            pos++;
            List<Object> list = new ArrayList<>();
            space();
            if (s.startsWith("]", pos)) {
              pos++;
              return list;
            }
            while (true) {
              space();
              list.add(value());
              space();
              if (s.startsWith(",", pos)) {
                pos++;
              } else {
                expect(']');
                return list;
              }
            }
          }
        case '"':
          return string();
        case 't':
          return literal("true", true);
        case 'f':
          return literal("false", false);
        case 'n':
          return literal("null", null);
        default:
          return number();
      }
    }

    Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return value;
    }

    BigDecimal number() {
      int start = pos;
      if (s.startsWith("-", pos)) {
        pos++;
      }
      if (s.startsWith("0", pos)) {
        pos++;
      } else {
        digits(1);
      }
      if (s.startsWith(".", pos)) {
        pos++;
        digits(1);
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        digits(1);
      }
      return new BigDecimal(s.substring(start, pos));
    }

    void digits(int min) {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      if (pos - start < min) {
        throw error("expected a digit");
      }
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("unescaped control character");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"':
            out.append('"');
            break;
          case '\\':
            out.append('\\');
            break;
          case '/':
            out.append('/');
            break;
          case 'b':
            out.append('\b');
            break;
          case 'f':
            out.append('\f');
            break;
          case 'n':
            out.append('\n');
            break;
          case 'r':
            out.append('\r');
            break;
          case 't':
            out.append('\t');
            break;
          case 'u':
            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
            break;
          default:
            throw error("bad escape \\" + e);
        }
      }
    }
  }

  /** Asserts that two JSON-like values are the same JSON: numbers by value, maps by members. */
  public static void assertSameJson(String path, Object actual, Object expected) {
    if (expected == null || actual == null) {
      assertThat(actual).as(path).isEqualTo(expected);
    } else if (expected instanceof Number) {
      assertThat(actual).as(path).isInstanceOf(Number.class);
      assertThat(new BigDecimal(actual.toString()))
          .as(path)
          .isEqualByComparingTo(new BigDecimal(expected.toString()));
    } else if (expected instanceof Map) {
      assertThat(actual).as(path).isInstanceOf(Map.class);
      Map<?, ?> a = (Map<?, ?>) actual;
      Map<?, ?> e = (Map<?, ?>) expected;
      List<String> actualKeys =
          a.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toList());
      List<String> expectedKeys =
          e.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toList());
      assertThat(actualKeys).as(path + " keys").containsExactlyInAnyOrderElementsOf(expectedKeys);
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        assertSameJson(
            path + "." + entry.getKey(), a.get(String.valueOf(entry.getKey())), entry.getValue());
      }
    } else if (expected instanceof Collection) {
      assertThat(actual).as(path).isInstanceOf(List.class);
      Collection<?> a = (Collection<?>) actual;
      Collection<?> e = (Collection<?>) expected;
      assertThat(a).as(path + " size").hasSameSizeAs(e);
      Iterator<?> ai = a.iterator();
      int i = 0;
      for (Object item : e) {
        assertSameJson(path + "[" + i++ + "]", ai.next(), item);
      }
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  /** Writes a JSON-like value as compact JSON (numbers as their {@code toString()}). */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof Collection) {
      out.append('[');
      boolean first = true;
      for (Object item : (Collection<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(out, item);
      }
      out.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      writeString(out, value.toString());
    }
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
