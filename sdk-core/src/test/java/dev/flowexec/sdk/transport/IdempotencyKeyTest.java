package dev.flowexec.sdk.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {
  @Test
  void quotesTheValue() {
    assertThat(IdempotencyKey.of("2b1f3c9e-0d4a_X")).isEqualTo("\"2b1f3c9e-0d4a_X\"");
  }

  @Test
  void escapesBackslashAndQuote() {
    assertThat(IdempotencyKey.of("a\\b\"c")).isEqualTo("\"a\\\\b\\\"c\"");
  }

  @Test
  void refusesWhatAnSfStringCannotCarry() {
    assertThatThrownBy(() -> IdempotencyKey.of("tab\there"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0009")
        .hasMessageContaining("index 3");
    assertThatThrownBy(() -> IdempotencyKey.of("é")).isInstanceOf(IllegalArgumentException.class);
  }
}
