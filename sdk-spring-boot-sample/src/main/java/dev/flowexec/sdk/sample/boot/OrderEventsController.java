package dev.flowexec.sdk.sample.boot;

import dev.flowexec.sdk.ExecutionResponse;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Launches the order flow for each order event. The execution id is derived from the event id, so
 * a redelivered event (or a retry of ours) replays the first launch instead of starting a second
 * execution. Failures are answered so that the shop retries what may succeed later (5xx) and not
 * what never will (4xx): see {@link WebhookErrors}.
 */
@RestController
class OrderEventsController {
  private static final Pattern READABLE_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private final FlowExecutionsClient client;
  private final String flowId;

  OrderEventsController(FlowExecutionsClient client, SampleProperties properties) {
    this.client = client;
    this.flowId = properties.flowId();
  }

  @PostMapping("/webhooks/orders")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> onOrderEvent(@RequestBody OrderEvent event) {
    if (event.id() == null || event.id().isBlank()) {
      throw new IllegalArgumentException("id: every event needs its id, the key that makes redeliveries safe");
    }
    if (event.customerId() == null) {
      throw new IllegalArgumentException("customer_id: every order event names the customer the flow is for");
    }
    LaunchRequest request = LaunchRequest.builder()
        .flowId(flowId)
        .participants(Participant.of(event.customerId(), Role.USER, Channel.SMS))
        .channelType(Channel.SMS)
        .flowExecutionId(executionId(event.id()))
        .putInputData("order_id", String.valueOf(event.orderId()))
        .putInputData("event_type", String.valueOf(event.type()))
        .build();
    ExecutionResponse response = client.withResponse().launch(request);
    FlowExecution execution = response.execution();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("flow_execution_id", execution.flowExecutionId());
    body.put("status", execution.status().toString());
    // A redelivered event (or a launch retried by the client) replays the first one.
    body.put("replayed", response.metadata().replayed());
    response.metadata().requestId().ifPresent(id -> body.put("request_id", id));
    return body;
  }

  /** Readable when the event id allows it; otherwise a name-based UUID of it. Either way stable. */
  static String executionId(String eventId) {
    if (READABLE_ID.matcher(eventId).matches()) {
      return "order-event-" + eventId;
    }
    return "order-event-" + UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8));
  }
}
