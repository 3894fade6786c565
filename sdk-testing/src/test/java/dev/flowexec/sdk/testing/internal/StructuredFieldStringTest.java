package dev.flowexec.sdk.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructuredFieldStringTest {
  @Test
  void readsAQuotedStringWithEscapes() {
    assertThat(StructuredFieldString.parse("\"2b1f-9a57\"")).contains("2b1f-9a57");
    assertThat(StructuredFieldString.parse("  \"a\\\"b\\\\c\" ")).contains("a\"b\\c");
    assertThat(StructuredFieldString.parse("\"\"")).contains("");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "\"abc",
        "abc\"",
        "\"a\"b\"",
        "\"a\\nb\"",
        "\"caf\u00e9\"",
        "\"",
        "\"a\\\""
      })
  void rejectsAnythingElse(String value) {
    assertThat(StructuredFieldString.parse(value)).isEmpty();
  }
}
