package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Execution;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import dev.flowexec.sdk.webhooks.DeliveryExecutionIds;
import dev.flowexec.sdk.webhooks.GitHubSignatureVerifier;
import dev.flowexec.sdk.webhooks.StandardWebhooksVerifier;
import dev.flowexec.sdk.webhooks.StripeSignatureVerifier;
import dev.flowexec.sdk.webhooks.WebhookSigner;
import dev.flowexec.sdk.webhooks.WebhookVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay end to end: signed deliveries over real HTTP, launches against the emulator. */
class WebhookRelayTest {
  private static final Pattern EXECUTION_ID = Pattern.compile("\"flow_execution_id\":\"([^\"]+)\"");
  private static final String SECRET =
      "whsec_" + "3q2+796tvu/erb7v3q2+796tvu/erb7v"; // a test fixture
  private static final String EVENT =
      "{\"flow_id\": \"abc-123\", \"user_id\": \"user-456\","
          + " \"channel\": \"web\", \"data\": {\"order_id\": \"42\", \"amount\": 12.50, \"items\": [1, 2]}}";
  private static final String UNVERIFIED =
      "{\"error\":\"invalid_signature\",\"message\":\"the delivery could not be verified\"}";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final WebhookSigner signer = WebhookSigner.standardWebhooks(SECRET);
  private final List<AutoCloseable> opened = new ArrayList<>();
  private FlowExecutionsEmulator emulator;
  private FlowExecutionsClient client;
  private WebhookRelay relay;

  @BeforeEach
  void start() {
    emulator = Demo.startEmulator(Duration.ofSeconds(1), Duration.ofSeconds(1));
    client = client(20);
    relay = relay(client, StandardWebhooksVerifier.builder().secret(SECRET).build(), null);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    emulator.close();
  }

  private FlowExecutionsClient client(int maxAttempts) {
    FlowExecutionsClient made =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials(Demo.CLIENT_ID, Demo.CLIENT_SECRET)
                    .build())
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(maxAttempts)
                    .initialBackoff(Duration.ofMillis(20))
                    .maxBackoff(Duration.ofMillis(200))
                    .build())
            .build();
    opened.add(made);
    return made;
  }

  private WebhookRelay relay(
      FlowExecutionsClient with, WebhookVerifier verifier, String defaultFlowId) {
    WebhookRelay made =
        WebhookRelay.start(
            with,
            verifier,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            defaultFlowId);
    opened.add(made);
    return made;
  }

  private HttpRequest request(URI uri, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    return builder.build();
  }

  private HttpRequest signed(String deliveryId, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return request(relay.uri(), signer.sign(deliveryId, Instant.now(), bytes), bytes);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String deliveryId, String body) throws Exception {
    return send(signed(deliveryId, body));
  }

  private static String executionId(HttpResponse<String> response) {
    Matcher matcher = EXECUTION_ID.matcher(response.body());
    assertThat(matcher.find()).as(response.body()).isTrue();
    return matcher.group(1);
  }

  private void assertNothingLaunched() {
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.requests()).noneMatch(r -> r.path().startsWith("/api/"));
  }

  @Test
  void aRedeliveredEventLaunchesOnceAndGetsTheSameExecutionId() throws Exception {
    HttpResponse<String> first = post("msg_42", EVENT);
    HttpResponse<String> second =
        post("msg_42", EVENT); // a new timestamp and signature, the same id

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    String id = executionId(first);
    assertThat(id).isEqualTo(DeliveryExecutionIds.derive("abc-123", "msg_42"));
    assertThat(executionId(second)).isEqualTo(id);
    assertThat(first.body())
        .contains(
            "\"delivery_id\":\"msg_42\"",
            "\"flow_id\":\"abc-123\"",
            "\"status\":\"QUEUED\"",
            "\"outcome\":\"started\"");
    assertThat(second.body()).contains("\"outcome\":\"already_handled\"");
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts(id))
        .as("the redelivery was answered without a launch")
        .isEqualTo(1);
    Execution execution = emulator.execution(id).orElseThrow();
    assertThat(execution.launchBody()).contains("\"order_id\":\"42\"", "12.50", "[1,2]");
  }

  @Test
  void concurrentDeliveriesOfOneEventStartOneExecution() throws Exception {
    emulator.holdLaunches(); // the first launch stays in flight while the others arrive
    List<CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      deliveries.add(http.sendAsync(signed("msg_42", EVENT), HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(emulator.awaitHeldLaunches(1, Duration.ofSeconds(10))).isTrue();
    Thread.sleep(200); // let the other deliveries meet the launch in progress
    emulator.releaseLaunches();

    List<String> ids = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
      HttpResponse<String> response = delivery.get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
      ids.add(executionId(response));
      Matcher outcome = Pattern.compile("\"outcome\":\"(\\w+)\"").matcher(response.body());
      assertThat(outcome.find()).isTrue();
      outcomes.add(outcome.group(1));
    }
    assertThat(ids).containsOnly(DeliveryExecutionIds.derive("abc-123", "msg_42"));
    // One delivery started it; the others met it in progress and were replayed, or came after.
    assertThat(outcomes)
        .containsOnlyOnce("started")
        .isSubsetOf("started", "replayed", "already_handled");
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void differentDeliveriesGetDifferentExecutions() throws Exception {
    String a = executionId(post("msg_42", EVENT));
    String b = executionId(post("msg_43", EVENT));
    assertThat(a).isNotEqualTo(b);
    assertThat(emulator.executionCount()).isEqualTo(2);
  }

  @Test
  void everyFailedCheckGetsTheSame401AndLaunchesNothing() throws Exception {
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    Map<String, String> valid = signer.sign("msg_42", Instant.now(), body);
    byte[] oneByteChanged = body.clone();
    oneByteChanged[oneByteChanged.length - 3] ^= 1;
    List<HttpRequest> bad = new ArrayList<>();
    bad.add(request(relay.uri(), valid, oneByteChanged));
    // A minute past the 300 s tolerance either way: the relay's real clock reads these requests
    // later than they were signed, by several seconds on a loaded machine.
    bad.add(
        request(relay.uri(), signer.sign("msg_42", Instant.now().minusSeconds(360), body), body));
    bad.add(
        request(relay.uri(), signer.sign("msg_42", Instant.now().plusSeconds(360), body), body));
    bad.add(
        request(
            relay.uri(),
            WebhookSigner.standardWebhooks("whsec_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .sign("msg_42", Instant.now(), body),
            body));
    for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      Map<String, String> missing = new LinkedHashMap<>(valid);
      missing.remove(header);
      bad.add(request(relay.uri(), missing, body));
    }
    for (String signature :
        List.of("not a list", "v1,***", "v2," + valid.get("webhook-signature").substring(3))) {
      Map<String, String> malformed = new LinkedHashMap<>(valid);
      malformed.put("webhook-signature", signature);
      bad.add(request(relay.uri(), malformed, body));
    }
    Map<String, String> changedId = new LinkedHashMap<>(valid);
    changedId.put("webhook-id", "msg_43");
    bad.add(request(relay.uri(), changedId, body));

    for (HttpRequest request : bad) {
      HttpResponse<String> response = send(request);
      assertThat(response.statusCode()).as(request.headers().map().toString()).isEqualTo(401);
      assertThat(response.body()).isEqualTo(UNVERIFIED);
    }
    assertNothingLaunched();
    assertThat(send(request(relay.uri(), valid, body)).statusCode())
        .as("the real delivery still passes")
        .isEqualTo(201);
  }

  @Test
  void aHugeBodyIsRefusedUnreadWith413() throws Exception {
    WebhookRelay small =
        relay(
            client,
            StandardWebhooksVerifier.builder().secret(SECRET).maxBodyBytes(1024).build(),
            null);
    byte[] huge =
        ("{\"flow_id\": \"abc-123\", \"user_id\": \"user-456\", \"channel\": \"web\", \"data\": {\"pad\": \""
                + "x".repeat(32 * 1024)
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(request(small.uri(), signer.sign("msg_big", Instant.now(), huge), huge));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("event_too_large", "1024 bytes");
    assertNothingLaunched();
  }

  @Test
  void anUnavailableServiceGets503WithRetryAfterAndTheRedeliveryLaunches() throws Exception {
    WebhookRelay impatient =
        relay(client(2), StandardWebhooksVerifier.builder().secret(SECRET).build(), null);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    emulator.faults().next(2, Fault.status(503));

    HttpResponse<String> failed =
        send(request(impatient.uri(), signer.sign("msg_42", Instant.now(), body), body));
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(failed.body())
        .contains("\"error\":\"unavailable\"", "deliver the event again later");
    assertThat(emulator.executionCount()).isZero();

    // The sender redelivers: the failed attempt did not mark the id handled, so it launches now.
    HttpResponse<String> redelivered =
        send(request(impatient.uri(), signer.sign("msg_42", Instant.now(), body), body));
    assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(201);
    assertThat(redelivered.body()).contains("\"outcome\":\"started\"");
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void aLaunchLostOnTheWayBackIsReplayedOnRedelivery() throws Exception {
    WebhookRelay once =
        relay(client(1), StandardWebhooksVerifier.builder().secret(SECRET).build(), null);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    // The launch goes out on the connection the token fetch left in the pool: the first drop is a
    // lost reused connection, re-sent on a fresh one at no cost; the second fails the 1-attempt
    // policy.
    emulator.faults().next(2, Fault.dropConnectionAfterProcessing());

    assertThat(
            send(request(once.uri(), signer.sign("msg_42", Instant.now(), body), body))
                .statusCode())
        .isEqualTo(503);
    assertThat(emulator.executionCount()).isEqualTo(1); // it started; the relay could not know

    HttpResponse<String> redelivered =
        send(request(once.uri(), signer.sign("msg_42", Instant.now(), body), body));
    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(redelivered.body()).contains("\"outcome\":\"replayed\"");
    assertThat(executionId(redelivered))
        .isEqualTo(DeliveryExecutionIds.derive("abc-123", "msg_42"));
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void aRateLimitPassesItsRetryAfterToTheSender() throws Exception {
    WebhookRelay once =
        relay(client(1), StandardWebhooksVerifier.builder().secret(SECRET).build(), null);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    emulator
        .faults()
        .next(Fault.rateLimited(Duration.ofSeconds(7), RetryAfterFormat.DELAY_SECONDS));

    HttpResponse<String> limited =
        send(request(once.uri(), signer.sign("msg_42", Instant.now(), body), body));
    assertThat(limited.statusCode()).isEqualTo(503);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
  }

  @Test
  void aSignedButUnusableEventGetsAClear422AndLaunchesNothing() throws Exception {
    assertThat(post("msg_1", "{\"user_id\": "))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(422);
              assertThat(r.body())
                  .contains(
                      "\"error\":\"invalid_event\"", "not well-formed JSON", "malformed_json");
            });
    assertThat(post("msg_2", "[1, 2]"))
        .satisfies(r -> assertThat(r.body()).contains("must be a JSON object"));
    assertThat(post("msg_3", "{\"flow_id\": \"abc-123\", \"channel\": 7}"))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(422);
              assertThat(r.body())
                  .contains(
                      "\"field\":\"user_id\",\"issue\":\"required\"",
                      "\"field\":\"channel\",\"issue\":\"invalid_value\"");
            });
    assertThat(post("msg_4", EVENT.replace("\"web\"", "\"pigeon\"")))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(422);
              assertThat(r.body()).contains("pigeon", "invalid_value", "use one of voice, web");
            });
    assertThat(post("msg_5", EVENT.replace("\"flow_id\": \"abc-123\", ", "")))
        .satisfies(
            r -> {
              assertThat(r.statusCode()).isEqualTo(422);
              assertThat(r.body()).contains("\"field\":\"flow_id\",\"issue\":\"required\"");
            });
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(relay.uri()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertNothingLaunched();
  }

  @Test
  void serviceRefusalsAreTold() throws Exception {
    HttpResponse<String> draft = post("msg_draft", EVENT.replace("abc-123", Demo.DRAFT_FLOW_ID));
    assertThat(draft.statusCode()).isEqualTo(422);
    assertThat(draft.body()).contains("\"error\":\"flow_not_published\"");

    // Two relays behind a load balancer, each with its own replay cache: the service still
    // knows the derived execution id, and tells other content under it apart.
    WebhookRelay otherNode =
        relay(client, StandardWebhooksVerifier.builder().secret(SECRET).build(), null);
    assertThat(post("msg_42", EVENT).statusCode()).isEqualTo(201);
    byte[] changed = EVENT.replace("\"42\"", "\"43\"").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> conflict =
        send(request(otherNode.uri(), signer.sign("msg_42", Instant.now(), changed), changed));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("event_conflict");
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void anEventWithoutFlowIdUsesTheRelaysDefault() throws Exception {
    WebhookRelay withDefault =
        relay(client, StandardWebhooksVerifier.builder().secret(SECRET).build(), Demo.FLOW_ID);
    byte[] body = EVENT.replace("\"flow_id\": \"abc-123\", ", "").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(request(withDefault.uri(), signer.sign("msg_42", Instant.now(), body), body));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(executionId(response))
        .isEqualTo(DeliveryExecutionIds.derive(Demo.FLOW_ID, "msg_42"));
  }

  @Test
  void stripeAndGitHubDeliveriesLaunchOnceToo() throws Exception {
    String stripeSecret = "whsec_stripe_fixture";
    WebhookRelay stripe =
        relay(client, StripeSignatureVerifier.builder().secret(stripeSecret).build(), null);
    byte[] event =
        EVENT.replace("{", "{\"id\": \"evt_1Stripe\", ").getBytes(StandardCharsets.UTF_8);
    Map<String, String> stripeHeaders =
        WebhookSigner.stripe(stripeSecret).sign("unused", Instant.now(), event);
    assertThat(executionId(send(request(stripe.uri(), stripeHeaders, event))))
        .isEqualTo(DeliveryExecutionIds.derive("abc-123", "evt_1Stripe"));
    assertThat(
            send(request(stripe.uri(), stripeHeaders, EVENT.getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .isEqualTo(401);

    String gitHubSecret = "github fixture secret";
    WebhookRelay gitHub =
        relay(client, GitHubSignatureVerifier.builder().secret(gitHubSecret).build(), null);
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    Map<String, String> gitHubHeaders =
        WebhookSigner.gitHub(gitHubSecret)
            .sign("72d3162e-cc78-11e3-81ab-4c9367dc0958", Instant.now(), body);
    HttpResponse<String> first = send(request(gitHub.uri(), gitHubHeaders, body));
    HttpResponse<String> replayed =
        send(request(gitHub.uri(), gitHubHeaders, body)); // a captured request, replayed
    assertThat(executionId(first))
        .isEqualTo(executionId(replayed))
        .isEqualTo(DeliveryExecutionIds.derive("abc-123", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
    assertThat(replayed.body()).contains("already_handled");
    assertThat(emulator.executionCount()).isEqualTo(2);
  }
}
