package dev.flowexec.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract's limits; the build()-time rules are tested through the builders. */
class RequestRulesTest {
  @Test
  void limitsMatchTheContract() {
    assertThat(RequestRules.MAX_PARTICIPANTS).isEqualTo(50);
    assertThat(RequestRules.MAX_CHANNELS).isEqualTo(6);
    assertThat(RequestRules.MAX_ID_LENGTH).isEqualTo(128);
    assertThat(RequestRules.MAX_NAME_LENGTH).isEqualTo(200);
    assertThat(RequestRules.MAX_INPUT_DATA_BYTES).isEqualTo(262_144);
  }
}
