package com.example.consumer;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.webhooks.DeliveryResponse;
import dev.flowexec.sdk.webhooks.StandardWebhooksVerifier;
import dev.flowexec.sdk.webhooks.WebhookLauncher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A user's webhook endpoint with sdk-webhooks: verify, launch once, answer the sender. */
public final class WebhookEndpoint {
  private final WebhookLauncher launcher;

  public WebhookEndpoint(FlowExecutionsClient client, String secret) {
    this.launcher = WebhookLauncher.builder()
        .verifier(StandardWebhooksVerifier.builder().secret(secret).build())
        .mapping(delivery -> Optional.of(LaunchRequest.builder()
            .flowId("abc-123")
            .participants(Participant.of("user-456", Role.USER, Channel.WEB))
            .channelType(Channel.WEB)
            .putInputData("delivery", delivery.id())
            .build()))
        .client(client)
        .build();
  }

  /** Returns the status to answer. */
  public int receive(byte[] body, Map<String, List<String>> headers) {
    try {
      return DeliveryResponse.of(launcher.handle(body, headers)).status();
    } catch (RuntimeException failure) {
      return DeliveryResponse.ofFailure(failure).status();
    }
  }
}
