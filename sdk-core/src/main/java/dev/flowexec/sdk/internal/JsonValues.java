package dev.flowexec.sdk.internal;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * JSON-like values ({@code null}, String, Boolean, Number, List, Map with String keys): deep
 * immutable copies, and the size of their compact UTF-8 serialization. Not public API.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * Returns the map itself when none of its values is a mutable container, else a copy whose
   * nested lists and maps are immutable. Identity tells the caller whether anything changed.
   */
  public static Map<String, Object> freezeNested(Map<String, Object> map) {
    boolean mutable = false;
    for (Object value : map.values()) {
      if ((value instanceof Map || value instanceof Collection) && !isFrozen(value)) {
        mutable = true;
        break;
      }
    }
    if (!mutable) {
      return map;
    }
    Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
    map.forEach((key, value) -> copy.put(key, freeze(value)));
    return copy;
  }

  /** Tells whether a value is a container made by this class, immutable all the way down. */
  public static boolean isFrozen(Object value) {
    return value instanceof FrozenMap || value instanceof FrozenList;
  }

  /** Returns a deep immutable copy of a JSON object; keys are taken as their string form. */
  public static Map<String, Object> freezeMap(Map<?, ?> map) {
    if (map instanceof FrozenMap) {
      return (FrozenMap) map;
    }
    Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
    map.forEach((key, value) -> copy.put(String.valueOf(key), freeze(value)));
    return new FrozenMap(copy);
  }

  /** Returns a deep immutable copy of a JSON-like value; scalars are returned as they are. */
  public static Object freeze(Object value) {
    if (value instanceof Map) {
      return freezeMap((Map<?, ?>) value);
    }
    if (value instanceof Collection && !(value instanceof FrozenList)) {
      Collection<?> items = (Collection<?>) value;
      Object[] copy = new Object[items.size()];
      int i = 0;
      for (Object item : items) {
        copy[i++] = freeze(item);
      }
      return new FrozenList(copy);
    }
    return value;
  }

  /**
   * Returns how many bytes the value takes as compact JSON in UTF-8, escaped as the SDK's codecs
   * write it. Values of other types count as their quoted {@code toString()}.
   */
  public static long serializedSize(Object value) {
    if (value == null) {
      return 4;
    }
    if (value instanceof String) {
      return stringSize((String) value);
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? 4 : 5;
    }
    if (value instanceof Number) {
      return value.toString().length();
    }
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      long size = 2 + Math.max(0, map.size() - 1); // braces and commas
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        size += stringSize(String.valueOf(entry.getKey())) + 1 + serializedSize(entry.getValue());
      }
      return size;
    }
    if (value instanceof Collection) {
      Collection<?> items = (Collection<?>) value;
      long size = 2 + Math.max(0, items.size() - 1);
      for (Object item : items) {
        size += serializedSize(item);
      }
      return size;
    }
    return stringSize(value.toString());
  }

  /** Bytes of a JSON string literal: quotes, escapes, and UTF-8 for the rest. */
  static long stringSize(String s) {
    long size = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
        size += 2;
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        size += 6; // \\uXXXX
      } else if (c < 0x80) {
        size += 1;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        size += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        size += 1; // a lone surrogate is written as '?'
      } else {
        size += 3;
      }
    }
    return size;
  }

  /** An immutable JSON object that {@link #isFrozen} recognizes. */
  private static final class FrozenMap extends AbstractMap<String, Object> {
    private final Map<String, Object> entries;

    FrozenMap(Map<String, Object> entries) {
      this.entries = entries;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return Collections.unmodifiableMap(entries).entrySet();
    }

    @Override
    public Object get(Object key) {
      return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }
  }

  /** An immutable JSON array that {@link #isFrozen} recognizes. */
  private static final class FrozenList extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;

    FrozenList(Object[] items) {
      this.items = items;
    }

    @Override
    public Object get(int index) {
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }
}
