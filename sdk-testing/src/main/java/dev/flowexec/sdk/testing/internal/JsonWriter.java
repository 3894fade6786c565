package dev.flowexec.sdk.testing.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes Java values as compact JSON: maps (string keys) as objects, collections and arrays of
 * objects as arrays, numbers, booleans, {@code null} and everything else as its string form.
 * Non-ASCII characters are written as they are (the emulator sends UTF-8).
 */
public final class JsonWriter {
  private JsonWriter() {}

  /**
   * Serializes a value in the compact form, keeping map order.
   *
   * @param value the value
   * @return its JSON text
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, false);
    return sb.toString();
  }

  /**
   * Serializes a value in a canonical form: object members sorted by name and numbers without
   * trailing zeros, so two JSON texts with the same meaning give the same string.
   *
   * @param value the value
   * @return its canonical JSON text
   */
  public static String canonical(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, true);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object value, boolean canonical) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      if (canonical) {
        entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : entries) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        appendString(sb, String.valueOf(e.getKey()));
        sb.append(':');
        append(sb, e.getValue(), canonical);
      }
      sb.append('}');
    } else if (value instanceof Collection) {
      sb.append('[');
      boolean first = true;
      for (Object item : (Collection<?>) value) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        append(sb, item, canonical);
      }
      sb.append(']');
    } else if (value instanceof Object[]) {
      append(sb, java.util.Arrays.asList((Object[]) value), canonical);
    } else if (value instanceof BigDecimal) {
      BigDecimal number = (BigDecimal) value;
      sb.append(canonical ? canonicalNumber(number) : number.toString());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        sb.append("null");
      } else {
        append(sb, BigDecimal.valueOf(d), canonical);
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else {
      appendString(sb, value.toString());
    }
  }

  private static String canonicalNumber(BigDecimal number) {
    if (number.signum() == 0) {
      return "0";
    }
    return number.stripTrailingZeros().toString();
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
