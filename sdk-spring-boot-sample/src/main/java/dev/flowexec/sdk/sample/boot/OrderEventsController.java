package dev.flowexec.sdk.sample.boot;

import dev.flowexec.sdk.ExecutionResponse;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.webhooks.RawBody;
import dev.flowexec.sdk.webhooks.VerifiedDelivery;
import dev.flowexec.sdk.webhooks.WebhookHeaders;
import dev.flowexec.sdk.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Launches the order flow for each order event whose Standard Webhooks signature verifies. The
 * execution id is derived from the delivery id ({@code webhook-id}), so a redelivered event (or a
 * retry of ours) replays the first launch instead of starting a second execution. Failures are
 * answered so that the shop retries what may succeed later (5xx) and not what never will (4xx): see
 * {@link WebhookErrors}.
 */
@RestController
class OrderEventsController {
  private static final Pattern READABLE_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private final FlowExecutionsClient client;
  private final WebhookVerifier verifier;
  private final ObjectMapper json;
  private final String flowId;

  OrderEventsController(
      FlowExecutionsClient client,
      WebhookVerifier verifier,
      ObjectMapper json,
      SampleProperties properties) {
    this.client = client;
    this.verifier = verifier;
    this.json = json;
    this.flowId = properties.flowId();
  }

  @PostMapping("/webhooks/orders")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> onOrderEvent(InputStream body, @RequestHeader HttpHeaders headers)
      throws IOException {
    // The signature covers the bytes as sent: read them (never more than the verifier accepts)
    // and check them before parsing anything.
    byte[] raw = RawBody.read(body, verifier.maxBodyBytes());
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach(all::put);
    VerifiedDelivery delivery = verifier.verify(raw, WebhookHeaders.of(all));
    OrderEvent event = json.readValue(delivery.payload(), OrderEvent.class);
    if (event.customerId() == null) {
      throw new IllegalArgumentException(
          "customer_id: every order event names the customer the flow is for");
    }
    LaunchRequest request =
        LaunchRequest.builder()
            .flowId(flowId)
            .participants(Participant.of(event.customerId(), Role.USER, Channel.SMS))
            .channelType(Channel.SMS)
            // The delivery id stays the same when the shop redelivers: the same execution.
            .flowExecutionId(executionId(delivery.id()))
            .putInputData("order_id", String.valueOf(event.orderId()))
            .putInputData("event_type", String.valueOf(event.type()))
            .build();
    ExecutionResponse response = client.withResponse().launch(request);
    FlowExecution execution = response.execution();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("flow_execution_id", execution.flowExecutionId());
    answer.put("status", execution.status().toString());
    // A redelivered event (or a launch retried by the client) replays the first one.
    answer.put("replayed", response.metadata().replayed());
    response.metadata().requestId().ifPresent(id -> answer.put("request_id", id));
    return answer;
  }

  /**
   * Readable when the delivery id allows it; otherwise a name-based UUID of it. Either way stable.
   */
  static String executionId(String deliveryId) {
    if (READABLE_ID.matcher(deliveryId).matches()) {
      return "order-event-" + deliveryId;
    }
    return "order-event-" + UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8));
  }
}
