package dev.flowexec.sdk.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * Derives the {@code flow_execution_id} of a delivery's launch from its delivery id, so that every
 * delivery of one event launches with the same idempotency key and the service starts one
 * execution, however often the event is delivered.
 *
 * <p>The id is a name-based (version 5, SHA-1) UUID, RFC 9562 §5.5, in the namespace {@link
 * #NAMESPACE}, of the name {@code flowId + "\n" + deliveryId} in UTF-8. The flow id is part of the
 * name so that one event may launch several flows. Any implementation of UUIDv5 gives the same id:
 * {@code uuid.uuid5(uuid.UUID("620cbe7b-2101-4d8f-bccb-ec26e6cc14b2"), "abc-123\nmsg_1")} in
 * Python, for instance. This derivation is part of the API: it will not change.
 */
public final class DeliveryExecutionIds {
  /** The namespace of the derived ids: {@code 620cbe7b-2101-4d8f-bccb-ec26e6cc14b2}. */
  public static final UUID NAMESPACE = UUID.fromString("620cbe7b-2101-4d8f-bccb-ec26e6cc14b2");

  private DeliveryExecutionIds() {}

  /**
   * Returns the execution id for a delivery's launch of a flow.
   *
   * @param flowId the flow launched
   * @param deliveryId the sender's delivery id
   * @return a UUID in its 36-character form, a valid {@code flow_execution_id}
   */
  public static String derive(String flowId, String deliveryId) {
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(deliveryId, "deliveryId");
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available in this JVM", e); // every JVM has it
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(NAMESPACE.getMostSignificantBits())
            .putLong(NAMESPACE.getLeastSignificantBits())
            .array());
    byte[] hash = sha1.digest((flowId + "\n" + deliveryId).getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }
}
