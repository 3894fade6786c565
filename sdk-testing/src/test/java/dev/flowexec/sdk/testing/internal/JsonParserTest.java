package dev.flowexec.sdk.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {
  @Test
  void parsesEveryKindOfValue() {
    Object value =
        JsonParser.parse(
            " {\"s\":\"a\\\"b\\u00e9\\n\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,{}]} ");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\u00e9\n");
    expected.put("n", new BigDecimal("-1.5e3"));
    expected.put("t", true);
    expected.put("f", false);
    expected.put("z", null);
    expected.put("a", List.of(new BigDecimal(1), Map.of()));
    assertThat(value).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "{",
        "}",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "tru",
        "nul",
        "\"unterminated",
        "\"bad \\x escape\"",
        "\"\\u12\"",
        "{\"a\" 1}",
        "{a:1}",
        "[1 2]",
        "1 2",
        "{\"a\":1,\"a\":2}",
        "'s'",
        "NaN"
      })
  void rejectsWhatIsNotJson(String text) {
    assertThatThrownBy(() -> JsonParser.parse(text)).isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void rejectsDeepNesting() {
    char[] open = new char[JsonParser.MAX_DEPTH + 1];
    char[] close = new char[JsonParser.MAX_DEPTH + 1];
    Arrays.fill(open, '[');
    Arrays.fill(close, ']');

    assertThatThrownBy(() -> JsonParser.parse(new String(open) + new String(close)))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void writerRoundTripsAndCanonicalIgnoresOrderAndTrailingZeros() {
    String text = "{\"b\":[1.50,\"x\\u0001\"],\"a\":{\"d\":null,\"c\":true}}";
    Object parsed = JsonParser.parse(text);

    assertThat(JsonParser.parse(JsonWriter.write(parsed))).isEqualTo(parsed);
    assertThat(JsonWriter.canonical(parsed))
        .isEqualTo(
            JsonWriter.canonical(
                JsonParser.parse("{\"a\":{\"c\":true,\"d\":null},\"b\":[1.5,\"x\\u0001\"]}")));
    assertThat(JsonWriter.write(parsed)).contains("\\u0001");
  }
}
