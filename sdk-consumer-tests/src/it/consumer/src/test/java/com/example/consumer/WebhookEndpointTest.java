package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.webhooks.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void aSignedDeliveryLaunchesOnceAndAForgedOneNever() {
    try (FlowExecutionsEmulator emulator = FlowExecutionsEmulator.builder()
            .client("my-client", "my-secret", "flow:execute", "flow:execution:read")
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start();
        FlowExecutionsClient client = FlowExecutionsClient.builder()
            .transport(RetrofitTransport.builder().baseUrl(emulator.baseUrl()).credentials("my-client", "my-secret").build())
            .build()) {
      WebhookEndpoint endpoint = new WebhookEndpoint(client, SECRET);
      byte[] body = "{\"order_id\": \"42\"}".getBytes(StandardCharsets.UTF_8);
      Map<String, List<String>> headers = WebhookSigner.standardWebhooks(SECRET).sign("msg_1", Instant.now(), body)
          .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));

      assertEquals(201, endpoint.receive(body, headers)); // started
      assertEquals(200, endpoint.receive(body, headers)); // handled before: nothing launched again
      assertEquals(401, endpoint.receive("{\"order_id\": \"43\"}".getBytes(StandardCharsets.UTF_8), headers));
      assertEquals(1, emulator.executionCount());
    }
  }
}
