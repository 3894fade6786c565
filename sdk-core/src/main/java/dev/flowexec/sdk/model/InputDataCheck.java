package dev.flowexec.sdk.model;

import dev.flowexec.sdk.errors.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Checks a request's {@code input_data} and takes the snapshot that is sent, in one walk whose cost
 * is linear in the graph: each list or map is visited once however many places share it (its copy
 * and serialized size are remembered), a list or map that contains itself is named, not followed.
 * The snapshot is immutable all the way down and holds only values that serialize exactly: mutable
 * numbers ({@link AtomicLong}, {@link DoubleAdder}...) are read once, other {@link Number} types
 * become the {@link BigDecimal} their text spells, and text that UTF-8 cannot carry (a lone
 * surrogate) is refused.
 */
final class InputDataCheck {
  /** A JSON number (RFC 8259 section 6), which is all a Number's text may be. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  /** Marks a container whose walk has started and not ended: meeting it again is a cycle. */
  private static final Object WALKING = new Object();

  private final List<FieldError> errors;
  private final int maxDepth;

  /**
   * Each container walked: WALKING, then its {@link JsonValues.Frozen} copy. Made on first need.
   */
  private IdentityHashMap<Object, Object> seen;

  private boolean stopped;
  private boolean shared;
  private Map<String, Object> snapshot;
  private long totalSize;

  /** The serialized size and height of the value {@link #walk} returned last. */
  private long size;

  private int height;

  private InputDataCheck(List<FieldError> errors, int maxDepth) {
    this.errors = errors;
    this.maxDepth = maxDepth;
  }

  /**
   * Checks {@code inputData} (the request's own map, already a copy), adding an error for each bad
   * value; read the outcome from the returned check.
   */
  static InputDataCheck of(Map<String, Object> inputData, int maxDepth, List<FieldError> errors) {
    InputDataCheck check = new InputDataCheck(errors, maxDepth);
    check.top(inputData);
    return check;
  }

  /**
   * Returns what to send: the request's map itself when every value is already a snapshot, else a
   * copy of it holding snapshots.
   */
  Map<String, Object> snapshot() {
    return snapshot;
  }

  /**
   * Returns the serialized size in bytes, saturated at {@link Long#MAX_VALUE}; -1 after an error.
   */
  long serializedSize() {
    return totalSize;
  }

  /** Tells whether some list or map appears in more than one place (and counts at each). */
  boolean hasSharedParts() {
    return shared;
  }

  private void top(Map<String, Object> inputData) {
    int before = errors.size();
    Map<String, Object> copy = null;
    long total = 2L + Math.max(0, inputData.size() - 1);
    for (Map.Entry<String, Object> entry : inputData.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      long keySize = key(key, "input_data");
      Object snapshot = walk(value, "input_data." + key, 2);
      total = add(total, add(keySize + 1, size));
      if (snapshot != value && copy == null) {
        copy = new LinkedHashMap<>(inputData);
      }
      if (copy != null) {
        copy.put(key, snapshot);
      }
      if (stopped) {
        break;
      }
    }
    totalSize = errors.size() > before ? -1 : total;
    snapshot = copy == null ? inputData : copy;
  }

  /**
   * Returns the snapshot of {@code value} at {@code path}, setting {@link #size} and {@link
   * #height}.
   */
  private Object walk(Object value, String path, int depth) {
    height = 0;
    if (value == null) {
      size = 4;
      return null;
    }
    if (value instanceof String) {
      size = text((String) value, path);
      return value;
    }
    if (value instanceof Boolean) {
      size = (Boolean) value ? 4 : 5;
      return value;
    }
    if (value instanceof Number) {
      Number number = number((Number) value, path);
      size = number == null ? 0 : number.toString().length();
      return number == null ? value : number;
    }
    if (!(value instanceof Map) && !(value instanceof Collection)) {
      size = 0;
      errors.add(
          FieldError.of(
              path,
              "invalid_value",
              path
                  + " is a "
                  + value.getClass().getName()
                  + ", which has no JSON form: use a String, Number, Boolean, null, List or Map (for a time,"
                  + " its ISO-8601 text)"));
      return value;
    }
    JsonValues.Frozen frozen = null;
    if (value instanceof JsonValues.Frozen && ((JsonValues.Frozen) value).isChecked()) {
      frozen = (JsonValues.Frozen) value; // checked by an earlier build(): immutable, so still good
    } else if (seen != null) {
      Object known = seen.get(value);
      if (known == WALKING) {
        size = 0;
        errors.add(
            FieldError.of(
                path,
                "invalid_value",
                path
                    + " is a list or map that contains"
                    + " itself, which JSON cannot carry: break the cycle"));
        return value;
      }
      if (known != null) {
        frozen = (JsonValues.Frozen) known; // shared: walked once, counted at each place
        shared = true;
      }
    }
    if (frozen != null) {
      size = frozen.serializedSize();
      height = frozen.height();
      if (depth + height - 1 > maxDepth) {
        tooDeep();
      }
      return frozen;
    }
    if (depth > maxDepth) {
      tooDeep();
      size = 0;
      return value;
    }
    if (seen == null) {
      seen = new IdentityHashMap<>();
    }
    seen.put(value, WALKING);
    JsonValues.Frozen copy =
        value instanceof Map
            ? map((Map<?, ?>) value, path, depth)
            : list((Collection<?>) value, path, depth);
    seen.put(value, copy);
    size = copy.serializedSize();
    height = copy.height();
    return copy;
  }

  private JsonValues.Frozen map(Map<?, ?> map, String path, int depth) {
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    long total = 2L + Math.max(0, map.size() - 1);
    int tallest = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        errors.add(
            FieldError.of(
                path,
                "invalid_value",
                path
                    + " has the key "
                    + key
                    + " of type "
                    + (key == null ? "null" : key.getClass().getName())
                    + ": JSON object keys must be Strings"));
        continue;
      }
      long keySize = key((String) key, path);
      Object snapshot = walk(entry.getValue(), path + "." + key, depth + 1);
      total = add(total, add(keySize + 1, size));
      tallest = Math.max(tallest, height);
      copy.put((String) key, snapshot);
      if (stopped) {
        break;
      }
    }
    return JsonValues.checkedMap(copy, total, tallest + 1);
  }

  private JsonValues.Frozen list(Collection<?> items, String path, int depth) {
    Object[] copy = new Object[items.size()];
    long total = 2L + Math.max(0, items.size() - 1);
    int tallest = 0;
    int i = 0;
    for (Object item : items) {
      if (i == copy.length) {
        break; // a collection that grew while it was read
      }
      copy[i] = walk(item, path + "[" + i + "]", depth + 1);
      i++;
      total = add(total, size);
      tallest = Math.max(tallest, height);
      if (stopped) {
        break;
      }
    }
    return JsonValues.checkedList(
        i == copy.length ? copy : java.util.Arrays.copyOf(copy, i), total, tallest + 1);
  }

  private void tooDeep() {
    if (!stopped) {
      stopped = true;
      errors.add(
          FieldError.of(
              "input_data",
              "invalid_value",
              String.format(
                  Locale.ROOT,
                  "input_data nests lists and maps more than %d levels deep: flatten it, and check that no"
                      + " list or map contains itself",
                  maxDepth)));
    }
  }

  /** The size of a key; adds an error when UTF-8 cannot carry it. */
  private long key(String key, String path) {
    long keySize = JsonValues.stringSize(key);
    if (keySize < 0) {
      int at = JsonValues.loneSurrogate(key);
      errors.add(
          FieldError.of(
              path,
              "invalid_format",
              String.format(
                  Locale.ROOT,
                  "%s has the key \"%s\" with a lone surrogate (\\u%04x) at index %d, which UTF-8 cannot"
                      + " carry (it would be sent as '?'): fix the text, perhaps cut in the middle of an emoji",
                  path,
                  RequestRules.printable(key),
                  (int) key.charAt(at),
                  at)));
      return 0;
    }
    return keySize;
  }

  /** The size of a string value; adds an error when UTF-8 cannot carry it. */
  private long text(String value, String path) {
    long textSize = JsonValues.stringSize(value);
    if (textSize < 0) {
      RequestRules.loneSurrogate(value, path, errors);
      return 0;
    }
    return textSize;
  }

  /** Returns the number to send, or null (with an error) when there is none that is exact. */
  private Number number(Number value, String path) {
    Class<?> type = value.getClass();
    if (type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == BigInteger.class
        || type == BigDecimal.class) {
      return value;
    }
    if (type == Double.class
        || type == Float.class
        || type == DoubleAdder.class
        || type == DoubleAccumulator.class) {
      double d = value.doubleValue();
      if (!Double.isFinite(d)) {
        errors.add(
            FieldError.of(
                path,
                "invalid_value",
                path + " is " + d + ", which JSON cannot carry: use a finite number, or a string"));
        return null;
      }
      return type == Double.class || type == Float.class ? value : (Number) d;
    }
    if (type == AtomicInteger.class
        || type == AtomicLong.class
        || type == LongAdder.class
        || type == LongAccumulator.class) {
      return value.longValue(); // read once: the request must not change after build()
    }
    String text = String.valueOf(value);
    if (!JSON_NUMBER.matcher(text).matches()) {
      errors.add(
          FieldError.of(
              path,
              "invalid_value",
              String.format(
                  Locale.ROOT,
                  "%s is a %s whose text \"%s\" is not a JSON number: use an Integer, Long, Double or"
                      + " BigDecimal",
                  path,
                  type.getName(),
                  RequestRules.printable(text))));
      return null;
    }
    return new BigDecimal(text);
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
