package dev.flowexec.sdk.retrofit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StructuredFieldStringTest {
  @Test
  void quotesTheValue() {
    assertThat(StructuredFieldString.of("2b1f3c9e-0d4a_X")).isEqualTo("\"2b1f3c9e-0d4a_X\"");
  }

  @Test
  void escapesBackslashAndQuote() {
    assertThat(StructuredFieldString.of("a\\b\"c")).isEqualTo("\"a\\\\b\\\"c\"");
  }

  @Test
  void refusesWhatAnSfStringCannotCarry() {
    assertThatThrownBy(() -> StructuredFieldString.of("tab\there")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0009").hasMessageContaining("index 3");
    assertThatThrownBy(() -> StructuredFieldString.of("é")).isInstanceOf(IllegalArgumentException.class);
  }
}
