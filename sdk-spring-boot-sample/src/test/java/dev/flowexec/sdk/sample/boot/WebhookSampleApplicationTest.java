package dev.flowexec.sdk.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.spring.boot.test.AutoConfigureFlowexecEmulator;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample as a user runs it: the real application on a random port, its flowexec client on an
 * emulator, driven over HTTP like the shop and the monitoring would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoints.web.exposure.include=health,metrics,configprops,env",
    "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
    "flowexec.retry.initial-backoff=10ms"})
@AutoConfigureFlowexecEmulator(flows = "order-fulfilment:1:Start,Ship,End", clientSecret = WebhookSampleApplicationTest.SECRET)
class WebhookSampleApplicationTest {
  static final String SECRET = "sample-s3cret-value";
  static final Pattern COUNT = Pattern.compile("\\{\"statistic\":\"COUNT\",\"value\":([0-9.]+)\\}");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Value("${local.server.port}")
  int port;

  @Autowired
  FlowExecutionsEmulator emulator;

  @Test
  void anEventLaunchesOnceHoweverOftenItIsDelivered() throws Exception {
    String event = "{\"id\":\"evt_1001\",\"type\":\"order.paid\",\"order_id\":\"A-1001\",\"customer_id\":\"cust-9\"}";
    HttpResponse<String> first = post("/webhooks/orders", event);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(first.body()).contains("\"flow_execution_id\":\"order-event-evt_1001\"").contains("\"replayed\":false")
        .contains("\"request_id\":");

    HttpResponse<String> redelivered = post("/webhooks/orders", event);
    assertThat(redelivered.statusCode()).isEqualTo(202);
    assertThat(redelivered.body()).contains("\"flow_execution_id\":\"order-event-evt_1001\"").contains("\"replayed\":true");

    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts("order-event-evt_1001")).isEqualTo(2);
    assertThat(emulator.execution("order-event-evt_1001")).hasValueSatisfying(execution ->
        assertThat(execution.launchBody()).contains("\"order_id\":\"A-1001\"").contains("\"user_id\":\"cust-9\""));
  }

  @Test
  void aFailedLaunchIsRetriedByTheClientWithTheSameExecution() throws Exception {
    emulator.faults().next(Fault.status(503));
    HttpResponse<String> response = post("/webhooks/orders",
        "{\"id\":\"evt 2002/x\",\"type\":\"order.paid\",\"order_id\":\"A-2002\",\"customer_id\":\"cust-9\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(emulator.executionCount()).isEqualTo(1);
    String id = OrderEventsController.executionId("evt 2002/x");
    assertThat(id).matches("order-event-[0-9a-f-]{36}");
    assertThat(emulator.launchAttempts(id)).isEqualTo(2);
  }

  @Test
  void anOutageIsAnsweredSoThatTheShopRedelivers() throws Exception {
    emulator.faults().next(3, Fault.status(503));
    String event = "{\"id\":\"evt_3003\",\"type\":\"order.paid\",\"order_id\":\"A-3003\",\"customer_id\":\"cust-9\"}";
    HttpResponse<String> response = post("/webhooks/orders", event);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"error_code\"").doesNotContain(SECRET);
    assertThat(post("/webhooks/orders", event).statusCode()).isEqualTo(202);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void anEventThatCanNeverLaunchIsABadRequestAndLaunchesNothing() throws Exception {
    HttpResponse<String> response = post("/webhooks/orders", "{\"type\":\"order.paid\",\"customer_id\":\"cust-9\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("every event needs its id");
    HttpResponse<String> badUser = post("/webhooks/orders",
        "{\"id\":\"evt_4004\",\"type\":\"order.paid\",\"order_id\":\"A-4004\",\"customer_id\":\"   \"}");
    assertThat(badUser.statusCode()).as(badUser.body()).isEqualTo(400);
    assertThat(badUser.body()).contains("user_id");
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void healthShowsTheFlowexecServiceWithoutSecrets() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"flowexec\":{").contains("\"status\":\"UP\"")
        .contains("\"endpoint\":\"" + emulator.baseUrl().replaceAll("/$", ""))
        .doesNotContain(SECRET);
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void metricsCountTheWebhookRequests() throws Exception {
    post("/webhooks/orders", "{\"id\":\"evt_5005\",\"type\":\"order.paid\",\"order_id\":\"A-5005\",\"customer_id\":\"c-1\"}");
    HttpResponse<String> metric = get("/actuator/metrics/http.server.requests?tag=uri:/webhooks/orders");
    assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
    assertThat(metric.body()).contains("\"COUNT\"");
  }

  @Test
  void metricsShowTheClientsCallsByOutcome() throws Exception {
    // The context (and its registry) is shared by the tests of this class: count the difference.
    double successes = launchCalls("success");
    double replays = launchCalls("replayed");
    String event = "{\"id\":\"evt_6006\",\"type\":\"order.paid\",\"order_id\":\"A-6006\",\"customer_id\":\"c-1\"}";
    post("/webhooks/orders", event);
    post("/webhooks/orders", event);
    assertThat(launchCalls("success")).isEqualTo(successes + 1);
    assertThat(launchCalls("replayed")).isEqualTo(replays + 1);
    HttpResponse<String> calls = get("/actuator/metrics/flowexec.client.calls");
    assertThat(calls.statusCode()).as(calls.body()).isEqualTo(200);
    assertThat(calls.body()).contains("\"name\":\"flowexec.client.calls\"").contains("\"tag\":\"outcome\"")
        .contains("\"tag\":\"error.code\"").contains("\"tag\":\"status\"");
    HttpResponse<String> attempts = get("/actuator/metrics/flowexec.client.attempts");
    assertThat(attempts.statusCode()).isEqualTo(200);
    assertThat(calls.body() + attempts.body()).doesNotContain(SECRET);
  }

  /** The count of {@code flowexec.client.calls} for launches with this outcome, 0 before the first. */
  private double launchCalls(String outcome) throws IOException, InterruptedException {
    HttpResponse<String> metric = get("/actuator/metrics/flowexec.client.calls?tag=operation:launch&tag=outcome:" + outcome);
    if (metric.statusCode() == 404) {
      return 0;
    }
    assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
    Matcher count = COUNT.matcher(metric.body());
    assertThat(count.find()).as(metric.body()).isTrue();
    return Double.parseDouble(count.group(1));
  }

  @Test
  void configpropsAndEnvShowTheSettingsButNeverTheSecret() throws Exception {
    HttpResponse<String> configprops = get("/actuator/configprops/flowexec");
    assertThat(configprops.statusCode()).as(configprops.body()).isEqualTo(200);
    assertThat(configprops.body()).contains("flowexec-test-client").contains("\"clientSecret\":\"******\"")
        .doesNotContain(SECRET);
    HttpResponse<String> env = get("/actuator/env");
    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(env.body()).contains("flowexec.auth.client-id").doesNotContain(SECRET);
    HttpResponse<String> secret = get("/actuator/env/flowexec.auth.client-secret");
    assertThat(secret.body()).contains("******").doesNotContain(SECRET);
  }

  private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
