package dev.flowexec.sdk.integration.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** jqwik arbitraries for strings and JSON-like values, shared by the property tests. */
public final class Generators {
  private Generators() {}

  /**
   * Code points of every kind, weighted towards what breaks codecs: ASCII, JSON's escaped
   * characters, control characters, U+2028/U+2029, the BMP above ASCII and astral characters. Never
   * a lone surrogate (not Unicode, so not something JSON can carry).
   */
  public static Arbitrary<Integer> codePoints() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.integers().between(0x20, 0x7e)),
        Tuple.of(
            2,
            Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7f, 0x2028, 0x2029, 0xfeff, 0xfffd)),
        Tuple.of(2, Arbitraries.integers().between(0, 0x1f)),
        Tuple.of(
            3, Arbitraries.integers().between(0x80, 0xffff).filter(c -> c < 0xd800 || c > 0xdfff)),
        Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
  }

  /** A string of {@code min} to {@code max} code points of {@link #codePoints()}. */
  public static Arbitrary<String> unicode(int min, int max) {
    return codePoints()
        .list()
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
  }

  /** A string that is not blank (has a character that is not whitespace). */
  public static Arbitrary<String> nonBlankUnicode(int min, int max) {
    return unicode(min, max).filter(s -> !s.isBlank());
  }

  /** 1 to {@code max} characters of {@code chars}. */
  public static Arbitrary<String> idOf(String chars, int max) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.strings().withChars(chars).ofMinLength(1).ofMaxLength(40)),
        Tuple.of(1, Arbitraries.strings().withChars(chars).ofMinLength(max - 2).ofMaxLength(max)));
  }

  public static final String EXECUTION_ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  public static final String FLOW_ID_CHARS = EXECUTION_ID_CHARS + ".:";

  /** Any JSON number a Java program may put in a map. */
  public static Arbitrary<Number> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(n -> (Number) n),
        Arbitraries.longs().map(n -> (Number) n),
        Arbitraries.doubles().map(n -> (Number) n),
        Arbitraries.of(0.0, -0.0, 1.0E-7, 1.0E21, Double.MAX_VALUE, Double.MIN_VALUE, 0.1, 100.0)
            .map(n -> (Number) n),
        Arbitraries.bigDecimals().ofScale(6).map(n -> (Number) n),
        Arbitraries.bigIntegers()
            .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
            .map(n -> (Number) n),
        Arbitraries.of(
                new BigDecimal("1E+3"),
                new BigDecimal("-0.000"),
                new BigDecimal("12345678901234567890.123456789"))
            .map(n -> (Number) n));
  }

  /** A JSON scalar: null, string, boolean or number. */
  public static Arbitrary<Object> scalars() {
    return scalars(numbers());
  }

  /** A JSON scalar: null, string, boolean or a number of {@code numbers}. */
  public static Arbitrary<Object> scalars(Arbitrary<Number> numbers) {
    return Arbitraries.frequencyOf(
            Tuple.of(4, unicode(0, 30).map(s -> (Object) s)),
            Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
            Tuple.of(3, numbers.map(n -> (Object) n)))
        .injectNull(0.1);
  }

  /** A JSON value nested up to {@code depth} levels of lists and maps. */
  public static Arbitrary<Object> jsonValues(int depth) {
    return jsonValues(depth, numbers());
  }

  /** A JSON value nested up to {@code depth} levels, its numbers from {@code numbers}. */
  public static Arbitrary<Object> jsonValues(int depth, Arbitrary<Number> numbers) {
    if (depth == 0) {
      return scalars(numbers);
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> jsonValues(depth - 1, numbers));
    return Arbitraries.frequencyOf(
        Tuple.of(5, scalars(numbers)),
        Tuple.of(1, inner.list().ofMaxSize(5).map(l -> (Object) new ArrayList<>(l))),
        Tuple.of(1, jsonObjects(inner, 5).map(m -> (Object) m)));
  }

  /** A JSON object (a map with string keys, in insertion order) of values from {@code values}. */
  public static Arbitrary<Map<String, Object>> jsonObjects(Arbitrary<Object> values, int maxSize) {
    return Arbitraries.maps(unicode(0, 12), values)
        .ofMaxSize(maxSize)
        .map(m -> (Map<String, Object>) new LinkedHashMap<>(m));
  }

  /** {@code input_data}: a JSON object up to 3 levels deep. */
  public static Arbitrary<Map<String, Object>> inputData() {
    return inputData(numbers());
  }

  /** {@code input_data} with numbers from {@code numbers}. */
  public static Arbitrary<Map<String, Object>> inputData(Arbitrary<Number> numbers) {
    return jsonObjects(jsonValues(2, numbers), 8);
  }

  /** A sublist of {@code items} in random order with {@code min} to {@code max} elements. */
  public static <T> Arbitrary<List<T>> orderedSubset(List<T> items, int min, int max) {
    return Arbitraries.shuffle(items)
        .flatMap(
            shuffled ->
                Arbitraries.integers()
                    .between(min, max)
                    .map(n -> new ArrayList<>(shuffled.subList(0, n))));
  }
}
