package dev.flowexec.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The id rules that build() and the client's get() share. */
class IdRulesTest {
  @Test
  void executionIdAccepted() {
    assertThat(IdRules.executionId("2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11", "flow_execution_id"))
        .isNull();
    assertThat(IdRules.executionId("x".repeat(128), "flow_execution_id")).isNull();
    assertThat(IdRules.flowId("a.b:c_d-1", "flow_id")).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''        | blank",
        "'   '     | blank",
        "a.b       | invalid_format",
        "a:b       | invalid_format",
        "../etc    | invalid_format",
        "a%2Fb     | invalid_format",
        "a?x=1     | invalid_format",
      })
  void executionIdRefused(String id, String code) {
    IdRules.Broken broken = IdRules.executionId(id, "flow_execution_id");
    assertThat(broken).isNotNull();
    assertThat(broken.code()).isEqualTo(code);
    assertThat(broken.message()).startsWith("flow_execution_id ").contains("A-Z a-z 0-9 _ -");
  }

  @Test
  void executionIdTooLong() {
    IdRules.Broken broken = IdRules.executionId("x".repeat(129), "flow_execution_id");
    assertThat(broken.code()).isEqualTo("too_long");
    assertThat(broken.message()).isEqualTo("flow_execution_id has 129 characters: use at most 128");
  }

  @Test
  void aBadCharacterIsShownEscapedWhenInvisible() {
    assertThat(IdRules.flowId("a\tb", "flow_id").message())
        .isEqualTo("flow_id has '\\u0009' at index 1: use only A-Z a-z 0-9 . _ : -");
  }
}
