package dev.flowexec.sdk.webhooks;

import dev.flowexec.sdk.model.LaunchRequest;
import java.util.Optional;

/**
 * Says how a verified delivery becomes a launch: your code, reading your sender's payload. It runs
 * only after verification succeeded.
 *
 * <p>Set any {@code flowExecutionId}, or none: {@link WebhookLauncher} replaces it with the one
 * derived from the delivery id ({@link DeliveryExecutionIds}), so redeliveries replay.
 *
 * <pre>{@code
 * DeliveryMapping mapping = delivery -> {
 *   OrderEvent event = OrderEvent.parse(delivery.payload());   // your JSON library
 *   if (!event.type().equals("order.paid")) {
 *     return Optional.empty();                                  // acknowledged, nothing launched
 *   }
 *   return Optional.of(LaunchRequest.builder()
 *       .flowId("order-follow-up")
 *       .participants(Participant.of(event.customerId(), Role.USER, Channel.SMS))
 *       .channelType(Channel.SMS)
 *       .putInputData("order_id", event.orderId())
 *       .build());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface DeliveryMapping {
  /**
   * Maps a delivery to the launch it asks for.
   *
   * @param delivery the verified delivery
   * @return the request, or empty when this delivery launches nothing (an event type you ignore)
   * @throws dev.flowexec.sdk.errors.RequestValidationException when the payload cannot make a valid
   *     request; a redelivery will not help
   */
  Optional<LaunchRequest> toLaunchRequest(VerifiedDelivery delivery);
}
