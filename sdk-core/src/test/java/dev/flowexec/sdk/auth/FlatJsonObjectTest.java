package dev.flowexec.sdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlatJsonObjectTest {
  @Test
  void readsTopLevelStringsAndNumbers() {
    FlatJsonObject json =
        FlatJsonObject.parse(
            " {\"a\":\"x\\u00e9\\n\",\"n\":-1.5e3,\"b\":true,\"o\":{\"a\":[1,{}]},\"z\":null} ");

    assertThat(json.string("a")).contains("xé\n");
    assertThat(json.number("n")).contains("-1.5e3");
    assertThat(json.string("n")).isEmpty();
    assertThat(json.isNotScalar("b")).isTrue();
    assertThat(json.isNotScalar("o")).isTrue();
    assertThat(json.string("z")).isEmpty();
    assertThat(json.isNotScalar("z")).isFalse();
    assertThat(json.string("missing")).isEmpty();
  }

  @Test
  void nestedMembersDoNotLeakToTheTop() {
    assertThat(FlatJsonObject.parse("{\"o\":{\"access_token\":\"inner\"}}").string("access_token"))
        .isEmpty();
  }

  @Test
  void rejectsWhatIsNotOneObject() {
    for (String bad :
        List.of(
            "",
            "[]",
            "<html>",
            "{",
            "{\"a\":}",
            "{\"a\":1,}",
            "{\"a\":01}",
            "{\"a\":\"x}",
            "{} {}",
            "{\"a\":tru}",
            "{\"a\":\"\\q\"}",
            "{\"a\":1.}",
            "{a:1}")) {
      assertThatThrownBy(() -> FlatJsonObject.parse(bad))
          .as(bad)
          .isExactlyInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertThatThrownBy(() -> FlatJsonObject.parse(deep))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nesting deeper than 64");
  }
}
