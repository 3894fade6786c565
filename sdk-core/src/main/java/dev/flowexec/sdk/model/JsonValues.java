package dev.flowexec.sdk.model;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * JSON-like values ({@code null}, String, Boolean, Number, List, Map with String keys): deep
 * immutable copies, and the size of their compact UTF-8 serialization. A request's {@code
 * input_data} is checked and copied by {@link InputDataCheck}.
 */
final class JsonValues {
  private JsonValues() {}

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
    return new FrozenMap(copy, UNCHECKED, 0);
  }

  /** A frozen map that {@link InputDataCheck} made: its size and height are known. */
  static Frozen checkedMap(Map<String, Object> entries, long serializedSize, int height) {
    return new FrozenMap(entries, serializedSize, height);
  }

  /** A frozen list that {@link InputDataCheck} made: its size and height are known. */
  static Frozen checkedList(Object[] items, long serializedSize, int height) {
    return new FrozenList(items, serializedSize, height);
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
      return new FrozenList(copy, UNCHECKED, 0);
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
      return stringSize((String) value, 1);
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? 4 : 5;
    }
    if (value instanceof Number) {
      return value.toString().length();
    }
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      long size = 2L + Math.max(0, map.size() - 1); // braces and commas
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        size +=
            stringSize(String.valueOf(entry.getKey()), 1) + 1 + serializedSize(entry.getValue());
      }
      return size;
    }
    if (value instanceof Collection) {
      Collection<?> items = (Collection<?>) value;
      long size = 2L + Math.max(0, items.size() - 1);
      for (Object item : items) {
        size += serializedSize(item);
      }
      return size;
    }
    return stringSize(value.toString(), 1);
  }

  /**
   * Bytes of a JSON string literal: quotes, escapes, and UTF-8 for the rest; -1 when it holds a
   * lone surrogate, which UTF-8 cannot carry.
   */
  static long stringSize(String s) {
    return stringSize(s, -1);
  }

  /** The index of the first lone surrogate of {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * As {@link #stringSize(String)}, a lone surrogate counting {@code loneSurrogate} bytes ('?'), or
   * -1 for the whole.
   */
  private static long stringSize(String s, int loneSurrogate) {
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
        if (loneSurrogate < 0) {
          return -1;
        }
        size += loneSurrogate; // codecs write a lone surrogate as '?'
      } else {
        size += 3;
      }
    }
    return size;
  }

  private static final long UNCHECKED = -1;

  /**
   * A container made by this class. One that {@link InputDataCheck} made knows its serialized size
   * and height, so a request built from it again (a {@code with*} copy) is not walked again.
   */
  interface Frozen {
    /** Tells whether {@link InputDataCheck} made it, so its contents are valid request values. */
    default boolean isChecked() {
      return serializedSize() != UNCHECKED;
    }

    /** Its serialized size, shared parts counted at each place; only when checked. */
    long serializedSize();

    /** Its levels of nesting, itself included; only when checked. */
    int height();
  }

  /** An immutable JSON object that {@link #isFrozen} recognizes. */
  private static final class FrozenMap extends AbstractMap<String, Object> implements Frozen {
    private final Map<String, Object> entries;
    private final long serializedSize;
    private final int height;

    FrozenMap(Map<String, Object> entries, long serializedSize, int height) {
      this.entries = entries;
      this.serializedSize = serializedSize;
      this.height = height;
    }

    @Override
    public long serializedSize() {
      return serializedSize;
    }

    @Override
    public int height() {
      return height;
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

    // Every mutator fails, even when it would change nothing, as List.of and Map.of do.
    @Override
    public Object put(String key, Object value) {
      throw readOnly();
    }

    @Override
    public Object remove(Object key) {
      throw readOnly();
    }

    @Override
    public void putAll(Map<? extends String, ?> map) {
      throw readOnly();
    }

    @Override
    public void clear() {
      throw readOnly();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
      throw readOnly();
    }

    @Override
    public boolean remove(Object key, Object value) {
      throw readOnly();
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
      throw readOnly();
    }

    @Override
    public Object replace(String key, Object value) {
      throw readOnly();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
      throw readOnly();
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> function) {
      throw readOnly();
    }

    @Override
    public Object computeIfPresent(
        String key, BiFunction<? super String, ? super Object, ?> function) {
      throw readOnly();
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
      throw readOnly();
    }

    @Override
    public Object merge(
        String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
      throw readOnly();
    }
  }

  /** An immutable JSON array that {@link #isFrozen} recognizes. */
  private static final class FrozenList extends AbstractList<Object>
      implements RandomAccess, Frozen {
    private final Object[] items;
    private final List<Object> view;
    private final long serializedSize;
    private final int height;

    FrozenList(Object[] items, long serializedSize, int height) {
      this.items = items;
      this.view = Collections.unmodifiableList(Arrays.asList(items));
      this.serializedSize = serializedSize;
      this.height = height;
    }

    @Override
    public long serializedSize() {
      return serializedSize;
    }

    @Override
    public int height() {
      return height;
    }

    @Override
    public Iterator<Object> iterator() {
      return view.iterator();
    }

    @Override
    public ListIterator<Object> listIterator() {
      return view.listIterator();
    }

    @Override
    public ListIterator<Object> listIterator(int index) {
      return view.listIterator(index);
    }

    @Override
    public List<Object> subList(int fromIndex, int toIndex) {
      return view.subList(fromIndex, toIndex);
    }

    @Override
    public Object get(int index) {
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }

    // Every mutator fails, even when it would change nothing, as List.of does.
    @Override
    public boolean add(Object item) {
      throw readOnly();
    }

    @Override
    public boolean addAll(Collection<?> items) {
      throw readOnly();
    }

    @Override
    public boolean addAll(int index, Collection<?> items) {
      throw readOnly();
    }

    @Override
    public boolean remove(Object item) {
      throw readOnly();
    }

    @Override
    public boolean removeAll(Collection<?> items) {
      throw readOnly();
    }

    @Override
    public boolean retainAll(Collection<?> items) {
      throw readOnly();
    }

    @Override
    public boolean removeIf(Predicate<? super Object> filter) {
      throw readOnly();
    }

    @Override
    public void replaceAll(UnaryOperator<Object> operator) {
      throw readOnly();
    }

    @Override
    public void sort(Comparator<? super Object> comparator) {
      throw readOnly();
    }

    @Override
    public void clear() {
      throw readOnly();
    }
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException(
        "JSON values of a request or execution are immutable: copy them to change them");
  }
}
