package dev.flowexec.sdk.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.spring.boot.test.AutoConfigureFlowexecEmulator;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.webhooks.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample as a user runs it: the real application on a random port, its flowexec client on an
 * emulator, driven over HTTP like the shop (with Standard Webhooks signatures, made by
 * sdk-webhooks' {@link WebhookSigner}) and the monitoring would.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,metrics,configprops,env",
      "management.endpoint.configprops.show-values=always",
      "management.endpoint.env.show-values=always",
      "flowexec.retry.initial-backoff=10ms",
      "sample.webhook-secret=" + WebhookSampleApplicationTest.WEBHOOK_SECRET
    })
@AutoConfigureFlowexecEmulator(
    flows = "order-fulfilment:1:Start,Ship,End",
    clientSecret = WebhookSampleApplicationTest.SECRET)
class WebhookSampleApplicationTest {
  static final String SECRET = "sample-s3cret-value";

  /** The shop's signing secret: whsec_ and the base64 of "sample-webhook-signing-key-0123". */
  static final String WEBHOOK_SECRET = "whsec_c2FtcGxlLXdlYmhvb2stc2lnbmluZy1rZXktMDEyMw==";

  static final Pattern EVENT_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  static final Pattern COUNT = Pattern.compile("\\{\"statistic\":\"COUNT\",\"value\":([0-9.]+)\\}");
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Value("${local.server.port}")
  int port;

  @Autowired FlowExecutionsEmulator emulator;

  @Test
  void anEventLaunchesOnceHoweverOftenItIsDelivered() throws Exception {
    String event =
        "{\"id\":\"evt_1001\",\"type\":\"order.paid\",\"order_id\":\"A-1001\",\"customer_id\":\"cust-9\"}";
    HttpResponse<String> first = post("/webhooks/orders", event);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(first.body())
        .contains("\"flow_execution_id\":\"order-event-evt_1001\"")
        .contains("\"replayed\":false")
        .contains("\"request_id\":");

    HttpResponse<String> redelivered = post("/webhooks/orders", event);
    assertThat(redelivered.statusCode()).isEqualTo(202);
    assertThat(redelivered.body())
        .contains("\"flow_execution_id\":\"order-event-evt_1001\"")
        .contains("\"replayed\":true");

    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts("order-event-evt_1001")).isEqualTo(2);
    assertThat(emulator.execution("order-event-evt_1001"))
        .hasValueSatisfying(
            execution ->
                assertThat(execution.launchBody())
                    .contains("\"order_id\":\"A-1001\"")
                    .contains("\"user_id\":\"cust-9\""));
  }

  @Test
  void aFailedLaunchIsRetriedByTheClientWithTheSameExecution() throws Exception {
    emulator.faults().next(Fault.status(503));
    HttpResponse<String> response =
        post(
            "/webhooks/orders",
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
    String event =
        "{\"id\":\"evt_3003\",\"type\":\"order.paid\",\"order_id\":\"A-3003\",\"customer_id\":\"cust-9\"}";
    HttpResponse<String> response = post("/webhooks/orders", event);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"error_code\"").doesNotContain(SECRET);
    assertThat(post("/webhooks/orders", event).statusCode()).isEqualTo(202);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void anEventThatCanNeverLaunchIsABadRequestAndLaunchesNothing() throws Exception {
    HttpResponse<String> response =
        post("/webhooks/orders", "{\"type\":\"order.paid\",\"order_id\":\"A-4003\"}", "evt_4003");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("customer_id");
    HttpResponse<String> badUser =
        post(
            "/webhooks/orders",
            "{\"id\":\"evt_4004\",\"type\":\"order.paid\",\"order_id\":\"A-4004\",\"customer_id\":\"   \"}");
    assertThat(badUser.statusCode()).as(badUser.body()).isEqualTo(400);
    assertThat(badUser.body()).contains("user_id");
    HttpResponse<String> notJson = post("/webhooks/orders", "order A-4005 was paid", "evt_4005");
    assertThat(notJson.statusCode()).as(notJson.body()).isEqualTo(400);
    assertThat(notJson.body()).contains("not an order event");
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void aBadlySignedDeliveryIsRefusedAndLaunchesNothing() throws Exception {
    String event =
        "{\"id\":\"evt_7007\",\"type\":\"order.paid\",\"order_id\":\"A-7007\",\"customer_id\":\"c-7\"}";
    byte[] body = event.getBytes(StandardCharsets.UTF_8);
    Map<String, String> signed =
        WebhookSigner.standardWebhooks(WEBHOOK_SECRET).sign("evt_7007", Instant.now(), body);
    String otherSecret =
        "whsec_"
            + Base64.getEncoder()
                .encodeToString("not-the-shops-key-0123456789".getBytes(StandardCharsets.UTF_8));

    // Signed with another secret; the body changed after signing; signed too long ago; not signed.
    List<HttpResponse<String>> refused =
        List.of(
            send(
                "/webhooks/orders",
                body,
                WebhookSigner.standardWebhooks(otherSecret).sign("evt_7007", Instant.now(), body)),
            send(
                "/webhooks/orders",
                event.replace("A-7007", "A-9999").getBytes(StandardCharsets.UTF_8),
                signed),
            send(
                "/webhooks/orders",
                body,
                WebhookSigner.standardWebhooks(WEBHOOK_SECRET)
                    .sign("evt_7007", Instant.now().minus(Duration.ofMinutes(6)), body)),
            send("/webhooks/orders", body, Map.of()));
    assertThat(refused)
        .allSatisfy(
            response -> {
              assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
              // Which check failed stays in the log: a forger learns nothing.
              assertThat(response.body())
                  .contains("did not verify")
                  .doesNotContain("SIGNATURE_MISMATCH")
                  .doesNotContain(WEBHOOK_SECRET);
            });
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.requestCount()).isZero();

    // The same delivery, signed right, launches.
    HttpResponse<String> accepted = send("/webhooks/orders", body, signed);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void anOverLongBodyIsRefusedUnread() throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) 'x');
    HttpResponse<String> response =
        send(
            "/webhooks/orders",
            body,
            WebhookSigner.standardWebhooks(WEBHOOK_SECRET).sign("evt_8008", Instant.now(), body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void healthShowsTheFlowexecServiceWithoutSecrets() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"flowexec\":{")
        .contains("\"status\":\"UP\"")
        .contains("\"endpoint\":\"" + emulator.baseUrl().replaceAll("/$", ""))
        .doesNotContain(SECRET);
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void metricsCountTheWebhookRequests() throws Exception {
    post(
        "/webhooks/orders",
        "{\"id\":\"evt_5005\",\"type\":\"order.paid\",\"order_id\":\"A-5005\",\"customer_id\":\"c-1\"}");
    HttpResponse<String> metric =
        get("/actuator/metrics/http.server.requests?tag=uri:/webhooks/orders");
    assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
    assertThat(metric.body()).contains("\"COUNT\"");
  }

  @Test
  void metricsShowTheClientsCallsByOutcome() throws Exception {
    // The context (and its registry) is shared by the tests of this class: count the difference.
    double successes = launchCalls("success");
    double replays = launchCalls("replayed");
    String event =
        "{\"id\":\"evt_6006\",\"type\":\"order.paid\",\"order_id\":\"A-6006\",\"customer_id\":\"c-1\"}";
    post("/webhooks/orders", event);
    post("/webhooks/orders", event);
    assertThat(launchCalls("success")).isEqualTo(successes + 1);
    assertThat(launchCalls("replayed")).isEqualTo(replays + 1);
    HttpResponse<String> calls = get("/actuator/metrics/flowexec.client.calls");
    assertThat(calls.statusCode()).as(calls.body()).isEqualTo(200);
    assertThat(calls.body())
        .contains("\"name\":\"flowexec.client.calls\"")
        .contains("\"tag\":\"outcome\"")
        .contains("\"tag\":\"error.code\"")
        .contains("\"tag\":\"status\"");
    HttpResponse<String> attempts = get("/actuator/metrics/flowexec.client.attempts");
    assertThat(attempts.statusCode()).isEqualTo(200);
    assertThat(calls.body() + attempts.body()).doesNotContain(SECRET);
  }

  /**
   * The count of {@code flowexec.client.calls} for launches with this outcome, 0 before the first.
   */
  private double launchCalls(String outcome) throws IOException, InterruptedException {
    HttpResponse<String> metric =
        get("/actuator/metrics/flowexec.client.calls?tag=operation:launch&tag=outcome:" + outcome);
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
    assertThat(configprops.body())
        .contains("flowexec-test-client")
        .contains("\"clientSecret\":\"******\"")
        .doesNotContain(SECRET);
    HttpResponse<String> env = get("/actuator/env");
    assertThat(env.statusCode()).isEqualTo(200);
    assertThat(env.body()).contains("flowexec.auth.client-id").doesNotContain(SECRET);
    HttpResponse<String> secret = get("/actuator/env/flowexec.auth.client-secret");
    assertThat(secret.body()).contains("******").doesNotContain(SECRET);
    HttpResponse<String> webhookSecret = get("/actuator/env/sample.webhook-secret");
    assertThat(webhookSecret.body()).contains("******").doesNotContain(WEBHOOK_SECRET);
    assertThat(get("/actuator/configprops/sample").body())
        .contains("order-fulfilment")
        .doesNotContain(WEBHOOK_SECRET);
    assertThat(env.body()).doesNotContain(WEBHOOK_SECRET);
  }

  /** Posts an event as the shop does: signed, with the event's id as the delivery id. */
  private HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    Matcher id = EVENT_ID.matcher(json);
    assertThat(id.find()).as("an id in %s", json).isTrue();
    return post(path, json, id.group(1));
  }

  private HttpResponse<String> post(String path, String json, String deliveryId)
      throws IOException, InterruptedException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return send(
        path,
        body,
        WebhookSigner.standardWebhooks(WEBHOOK_SECRET).sign(deliveryId, Instant.now(), body));
  }

  private HttpResponse<String> send(String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
