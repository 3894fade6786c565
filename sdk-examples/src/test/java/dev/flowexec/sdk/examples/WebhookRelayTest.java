package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Execution;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookRelayTest {
  private static final Pattern EXECUTION_ID = Pattern.compile("\"flow_execution_id\":\"([^\"]+)\"");
  private static final String EVENT = "{\"event_id\": \"evt-42\", \"flow_id\": \"abc-123\", \"user_id\": \"user-456\","
      + " \"channel\": \"web\", \"data\": {\"order_id\": \"42\", \"amount\": 12.50, \"items\": [1, 2]}}";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private FlowExecutionsEmulator emulator;
  private FlowExecutionsClient client;
  private WebhookRelay relay;

  @BeforeEach
  void start() {
    emulator = Demo.startEmulator(Duration.ofSeconds(1), Duration.ofSeconds(1));
    client = FlowExecutionsClient.builder()
        .transport(RetrofitTransport.builder().baseUrl(emulator.baseUrl())
            .credentials(Demo.CLIENT_ID, Demo.CLIENT_SECRET).build())
        .retryPolicy(RetryPolicy.builder().maxAttempts(20).initialBackoff(Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(200)).build())
        .build();
    relay = WebhookRelay.start(client, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
  }

  @AfterEach
  void stop() {
    relay.close();
    client.close();
    emulator.close();
  }

  @Test
  void aRedeliveredEventLaunchesOnceAndGetsTheSameExecutionId() throws Exception {
    HttpResponse<String> first = post(EVENT);
    HttpResponse<String> second = post(EVENT);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    String id = executionId(first);
    assertThat(executionId(second)).isEqualTo(id).isEqualTo(WebhookEvent.executionIdFor("abc-123", "evt-42"));
    assertThat(first.body()).contains("\"event_id\":\"evt-42\"", "\"flow_id\":\"abc-123\"", "\"status\":\"QUEUED\"");
    assertThat(emulator.executionCount()).isEqualTo(1);
    Execution execution = emulator.execution(id).orElseThrow();
    assertThat(execution.launchBody()).contains("\"order_id\":\"42\"", "12.50", "[1,2]");
  }

  @Test
  void concurrentDeliveriesOfOneEventStartOneExecution() throws Exception {
    emulator.holdLaunches(); // the first launch stays in flight while the others arrive
    List<CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      deliveries.add(http.sendAsync(request(EVENT), HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(emulator.awaitHeldLaunches(1, Duration.ofSeconds(10))).isTrue();
    Thread.sleep(200); // let the other deliveries meet the launch in progress
    emulator.releaseLaunches();

    List<String> ids = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
      HttpResponse<String> response = delivery.get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      ids.add(executionId(response));
    }
    assertThat(ids).containsOnly(WebhookEvent.executionIdFor("abc-123", "evt-42"));
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void differentEventsGetDifferentExecutions() throws Exception {
    String a = executionId(post(EVENT));
    String b = executionId(post(EVENT.replace("evt-42", "evt-43")));
    assertThat(a).isNotEqualTo(b);
    assertThat(emulator.executionCount()).isEqualTo(2);
  }

  @Test
  void badEventsGetAClear400AndLaunchNothing() throws Exception {
    assertThat(post("{\"event_id\": \"e1\", ")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("\"error\":\"invalid_event\"", "not well-formed JSON", "malformed_json");
    });
    assertThat(post("[1, 2]")).satisfies(r -> assertThat(r.body()).contains("must be a JSON object"));
    assertThat(post("{\"flow_id\": \"abc-123\", \"channel\": 7}")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("\"field\":\"event_id\",\"issue\":\"required\"",
          "\"field\":\"user_id\",\"issue\":\"required\"", "\"field\":\"channel\",\"issue\":\"invalid_value\"");
    });
    assertThat(post(EVENT.replace("\"web\"", "\"pigeon\""))).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("pigeon", "invalid_value", "use one of voice, web");
    });
    assertThat(post(EVENT.replace("\"flow_id\": \"abc-123\", ", ""))).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("\"field\":\"flow_id\",\"issue\":\"required\"");
    });
    assertThat(post(EVENT.replace("{\"order_id\"", "[{\"order_id\"").replace("[1, 2]}}", "[1, 2]}]}")))
        .satisfies(r -> assertThat(r.body()).contains("\"field\":\"data\""));
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(relay.uri()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.requests()).noneMatch(r -> r.path().startsWith("/api/"));
  }

  @Test
  void serviceRefusalsAreTold() throws Exception {
    HttpResponse<String> draft = post(EVENT.replace("abc-123", Demo.DRAFT_FLOW_ID));
    assertThat(draft.statusCode()).isEqualTo(422);
    assertThat(draft.body()).contains("\"error\":\"flow_not_published\"");

    post(EVENT);
    HttpResponse<String> changed = post(EVENT.replace("\"42\"", "\"43\""));
    assertThat(changed.statusCode()).isEqualTo(409);
    assertThat(changed.body()).contains("event_conflict", "evt-42");
  }

  @Test
  void anEventWithoutFlowIdUsesTheRelaysDefault() throws Exception {
    try (WebhookRelay withDefault = WebhookRelay.start(client,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Demo.FLOW_ID)) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(withDefault.uri())
              .POST(HttpRequest.BodyPublishers.ofString(EVENT.replace("\"flow_id\": \"abc-123\", ", ""))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(executionId(response)).isEqualTo(WebhookEvent.executionIdFor(Demo.FLOW_ID, "evt-42"));
    }
  }

  @Test
  void theDerivedIdIsStableAndValid() {
    String id = WebhookEvent.executionIdFor("abc-123", "any event id, even with spaces/and:colons");
    assertThat(id).matches("[A-Za-z0-9_-]{1,128}")
        .isEqualTo(WebhookEvent.executionIdFor("abc-123", "any event id, even with spaces/and:colons"))
        .isNotEqualTo(WebhookEvent.executionIdFor("other-flow", "any event id, even with spaces/and:colons"));
  }

  private HttpRequest request(String body) {
    return HttpRequest.newBuilder(relay.uri())
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(request(body), HttpResponse.BodyHandlers.ofString());
  }

  private static String executionId(HttpResponse<String> response) {
    Matcher matcher = EXECUTION_ID.matcher(response.body());
    assertThat(matcher.find()).as(response.body()).isTrue();
    return matcher.group(1);
  }
}
