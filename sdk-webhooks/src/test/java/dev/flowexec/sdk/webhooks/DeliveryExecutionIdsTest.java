package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryExecutionIdsTest {
  @Test
  void isTheUuidV5OfFlowAndDeliveryInTheDocumentedNamespace() {
    // Expected values from Python's uuid.uuid5, an independent implementation of RFC 9562.
    assertThat(DeliveryExecutionIds.derive("abc-123", "msg_1"))
        .isEqualTo("aece01fe-647d-5bd5-b237-ba1f084fcc1e");
    assertThat(DeliveryExecutionIds.derive("abc-123", "évt ünïcode"))
        .isEqualTo("86dfb780-abcc-5ae5-aaf6-29e38ddde644");
    UUID id = UUID.fromString(DeliveryExecutionIds.derive("abc-123", "msg_1"));
    assertThat(id.version()).isEqualTo(5);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void isStableAValidExecutionIdAndDiffersPerFlowAndDelivery() {
    String id = DeliveryExecutionIds.derive("abc-123", "any id, even with spaces/and:colons\n");
    assertThat(id)
        .matches("[A-Za-z0-9_-]{1,128}")
        .isEqualTo(DeliveryExecutionIds.derive("abc-123", "any id, even with spaces/and:colons\n"))
        .isNotEqualTo(
            DeliveryExecutionIds.derive("other-flow", "any id, even with spaces/and:colons\n"))
        .isNotEqualTo(
            DeliveryExecutionIds.derive("abc-123", "any id, even with spaces/and:colons"));
  }
}
