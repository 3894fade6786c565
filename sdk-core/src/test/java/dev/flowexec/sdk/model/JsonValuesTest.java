package dev.flowexec.sdk.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** serializedSize against hand-written compact JSON, and the deep freeze. */
class JsonValuesTest {
  /** Asserts that the value's size is the UTF-8 length of the hand-written JSON text. */
  private static void sizeIs(Object value, String json) {
    assertThat(JsonValues.serializedSize(value))
        .as("size of %s", json)
        .isEqualTo(json.getBytes(UTF_8).length);
  }

  @Test
  void scalars() {
    sizeIs(null, "null");
    sizeIs(true, "true");
    sizeIs(false, "false");
    sizeIs(0, "0");
    sizeIs(-42, "-42");
    sizeIs(123456789012L, "123456789012");
    sizeIs(1.5, "1.5");
    sizeIs(1e21, "1.0E21");
    sizeIs(new BigDecimal("3.14159265358979323846"), "3.14159265358979323846");
    sizeIs(new BigDecimal("1E+3"), "1E+3");
    sizeIs(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890");
  }

  @Test
  void stringsWithEscapes() {
    sizeIs("", "\"\"");
    sizeIs("plain", "\"plain\"");
    sizeIs("say \"hi\"", "\"say \\\"hi\\\"\"");
    sizeIs("a\\b", "\"a\\\\b\"");
    sizeIs("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
    sizeIs("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"");
    sizeIs("\u2028\u2029", "\"\\u2028\\u2029\"");
    sizeIs("/<>&'=\u007f", "\"/<>&'=\u007f\"");
  }

  @Test
  void stringsWithMultiByteCharacters() {
    sizeIs("\u00e9", "\"\u00e9\""); // 2 bytes
    sizeIs("\u20ac", "\"\u20ac\""); // 3 bytes
    sizeIs("\uD83D\uDE00", "\"\uD83D\uDE00\""); // an emoji: a surrogate pair, 4 bytes
    sizeIs("\uD83D\uDC4D\uD83C\uDFFD", "\"\uD83D\uDC4D\uD83C\uDFFD\""); // two pairs
    sizeIs("\u65e5\u672c\u8a9e", "\"\u65e5\u672c\u8a9e\"");
    sizeIs("\uD83D", "\"?\""); // a lone surrogate is written as '?'
    sizeIs("a\uDE00b", "\"a?b\"");
    assertThat(JsonValues.stringSize("\uD83D\uDE00")).isEqualTo(6);
  }

  @Test
  void containers() {
    sizeIs(Map.of(), "{}");
    sizeIs(List.of(), "[]");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put("b\"", Arrays.asList(true, null, "x"));
    map.put("\u00e9", Map.of("n", new BigDecimal("0.10")));
    map.put("nil", null);
    sizeIs(map, "{\"a\":1,\"b\\\"\":[true,null,\"x\"],\"\u00e9\":{\"n\":0.10},\"nil\":null}");
    sizeIs(List.of(List.of(), Map.of(), List.of(List.of(1))), "[[],{},[[1]]]");
    sizeIs(new java.util.TreeSet<>(List.of("b", "a")), "[\"a\",\"b\"]");
  }

  @Test
  @SuppressWarnings("unchecked")
  void freezeIsDeepAndDetached() {
    List<Object> list = new ArrayList<>(List.of("a"));
    Map<String, Object> inner = new HashMap<>();
    inner.put("list", list);
    inner.put("nil", null);
    Map<String, Object> frozen = JsonValues.freezeMap(inner);
    list.add("b");
    inner.put("x", 1);
    assertThat(frozen).containsOnlyKeys("list", "nil").isUnmodifiable();
    assertThat((List<Object>) frozen.get("list")).containsExactly("a").isUnmodifiable();
    assertThat(JsonValues.isFrozen(frozen)).isTrue();
    assertThat(JsonValues.isFrozen(frozen.get("list"))).isTrue();
    assertThat(JsonValues.freezeMap(frozen)).isSameAs(frozen);
    assertThat(JsonValues.freeze(frozen.get("list"))).isSameAs(frozen.get("list"));
    assertThat(JsonValues.isFrozen(Map.of())).isFalse();
    Map<String, Object> expected = new HashMap<>();
    expected.put("list", List.of("a"));
    expected.put("nil", null);
    assertThat(frozen).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(JsonValues.freeze(List.of()).toString()).isEqualTo("[]");
    assertThat((List<?>) JsonValues.freeze(new ArrayList<>())).isUnmodifiable();
    assertThat(JsonValues.freezeMap(new HashMap<>())).isUnmodifiable();
  }

  @Test
  void stringSizeRefusesALoneSurrogateThatSerializedSizeCountsAsQuestionMark() {
    assertThat(JsonValues.stringSize("a\uD83D")).isEqualTo(-1);
    assertThat(JsonValues.stringSize("a\uDE00b")).isEqualTo(-1);
    assertThat(JsonValues.loneSurrogate("ab\uDE00")).isEqualTo(2);
    assertThat(JsonValues.loneSurrogate("a\uD83D\uDE00")).isEqualTo(-1);
    assertThat(JsonValues.serializedSize("\uD83D")).isEqualTo(3);
  }
}
