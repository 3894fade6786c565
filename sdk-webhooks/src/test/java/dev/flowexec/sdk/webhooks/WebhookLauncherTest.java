package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole path, verify → map → launch once, through the real transport against the emulator. */
class WebhookLauncherTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final byte[] BODY =
      "{\"type\": \"order.paid\", \"order_id\": \"42\"}".getBytes(StandardCharsets.UTF_8);

  private final WebhookSigner signer = WebhookSigner.standardWebhooks(SECRET);
  private final AtomicInteger mapped = new AtomicInteger();
  private FlowExecutionsEmulator emulator;
  private FlowExecutionsClient client;
  private WebhookLauncher launcher;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("hooks", "hooks-secret", Scopes.FLOW_EXECUTE, Scopes.FLOW_EXECUTION_READ)
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start();
    client =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials("hooks", "hooks-secret")
                    .build())
            .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
            .build();
    launcher =
        WebhookLauncher.builder()
            .verifier(StandardWebhooksVerifier.builder().secret(SECRET).build())
            .mapping(this::map)
            .client(client)
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  private Optional<LaunchRequest> map(VerifiedDelivery delivery) {
    mapped.incrementAndGet();
    if (delivery.payloadAsString().contains("\"ping\"")) {
      return Optional.empty();
    }
    if (delivery.payloadAsString().contains("\"bad\"")) {
      throw new RequestValidationException(
          java.util.List.of(
              dev.flowexec.sdk.errors.FieldError.of(
                  "order_id", "required", "order_id is required")));
    }
    return Optional.of(
        LaunchRequest.builder()
            .flowId("abc-123")
            .participants(Participant.of("user-456", Role.USER, Channel.SMS))
            .channelType(Channel.SMS)
            .putInputData("delivery", delivery.id())
            .build());
  }

  private WebhookHeaders signed(String id, byte[] body) {
    return WebhookHeaders.ofSingleValues(signer.sign(id, Instant.now(), body));
  }

  @Test
  void aDeliveryLaunchesOnceUnderTheDerivedIdAndItsRedeliveryIsAnsweredWithoutASecondLaunch() {
    LaunchedDelivery first = launcher.handle(BODY, signed("msg_1", BODY));

    assertThat(first.outcome()).isEqualTo(LaunchedDelivery.Outcome.STARTED);
    String derived = DeliveryExecutionIds.derive("abc-123", "msg_1");
    assertThat(first.execution().orElseThrow().flowExecutionId()).isEqualTo(derived);
    assertThat(first.request().orElseThrow().flowExecutionId()).isEqualTo(derived);
    assertThat(emulator.executionCount()).isEqualTo(1);

    // The sender did not get our 2xx and delivers again: a new timestamp and signature, the same
    // id.
    assertThatThrownBy(() -> launcher.handle(BODY, signed("msg_1", BODY)))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REPLAYED));
    assertThat(emulator.launchAttempts(derived)).isEqualTo(1);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void withoutTheCacheARedeliveryIsReplayedByTheServiceNotStartedAgain() {
    WebhookLauncher forgetful =
        WebhookLauncher.builder()
            .verifier(launcher.verifier())
            .mapping(this::map)
            .client(client)
            .replayCache(ReplayCache.builder().maxEntries(1).build())
            .build();
    LaunchedDelivery first = forgetful.handle(BODY, signed("msg_1", BODY));
    forgetful.handle(BODY, signed("msg_2", BODY)); // evicts msg_1
    LaunchedDelivery again = forgetful.handle(BODY, signed("msg_1", BODY));

    assertThat(again.execution().orElseThrow().flowExecutionId())
        .isEqualTo(first.execution().orElseThrow().flowExecutionId());
    assertThat(again.outcome()).isEqualTo(LaunchedDelivery.Outcome.REPLAYED);
    assertThat(again.metadata().orElseThrow().statusCode()).isEqualTo(200);
    assertThat(first.metadata().orElseThrow().statusCode()).isEqualTo(201);
    assertThat(emulator.launchAttempts(DeliveryExecutionIds.derive("abc-123", "msg_1")))
        .isEqualTo(2);
    assertThat(emulator.executionCount()).isEqualTo(2); // msg_1 and msg_2
  }

  @Test
  void aFailedLaunchLeavesTheRedeliveryFreeToLaunch() {
    emulator.faults().next(Fault.status(503));
    assertThatThrownBy(() -> launcher.handle(BODY, signed("msg_1", BODY)))
        .isInstanceOfSatisfying(
            FlowApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    assertThat(emulator.executionCount()).isZero();

    LaunchedDelivery redelivered = launcher.handle(BODY, signed("msg_1", BODY));
    assertThat(redelivered.outcome()).isEqualTo(LaunchedDelivery.Outcome.STARTED);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void aLaunchLostAfterTheServiceStartedItIsReplayedOnRedelivery() {
    // The launch goes out on the connection the token fetch left in the pool: the first drop is a
    // lost reused connection, re-sent on a fresh one at no cost; the second fails the 1-attempt
    // policy.
    emulator.faults().next(2, Fault.dropConnectionAfterProcessing());
    assertThatThrownBy(() -> launcher.handle(BODY, signed("msg_1", BODY)))
        .isInstanceOf(FlowApiException.class);
    assertThat(emulator.executionCount()).isEqualTo(1); // started, but we never heard

    LaunchedDelivery redelivered = launcher.handle(BODY, signed("msg_1", BODY));
    assertThat(redelivered.outcome()).isEqualTo(LaunchedDelivery.Outcome.REPLAYED);
    assertThat(redelivered.execution().orElseThrow().flowExecutionId())
        .isEqualTo(DeliveryExecutionIds.derive("abc-123", "msg_1"));
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void nothingIsMappedOrLaunchedBeforeVerificationSucceeds() {
    byte[] forged =
        "{\"type\": \"order.paid\", \"order_id\": \"43\"}".getBytes(StandardCharsets.UTF_8);
    WebhookHeaders signedForOther = signed("msg_1", BODY);
    assertThatThrownBy(() -> launcher.handle(forged, signedForOther))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    assertThatThrownBy(() -> launcher.handle(BODY, Map.of()))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER));
    Map<String, String> stale = signer.sign("msg_2", Instant.now().minusSeconds(600), BODY);
    assertThatThrownBy(() -> launcher.handle(BODY, WebhookHeaders.ofSingleValues(stale)))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD));

    assertThat(mapped).hasValue(0);
    assertThat(emulator.requests()).noneMatch(r -> r.path().startsWith("/api/"));
    // A forged delivery did not use up the id: the real one still launches.
    assertThat(launcher.handle(BODY, signed("msg_1", BODY)).outcome())
        .isEqualTo(LaunchedDelivery.Outcome.STARTED);
  }

  @Test
  void anIgnoredDeliveryLaunchesNothingAndIsHandled() {
    byte[] ping = "{\"type\": \"ping\"}".getBytes(StandardCharsets.UTF_8);
    LaunchedDelivery ignored = launcher.handle(ping, signed("msg_ping", ping));
    assertThat(ignored.outcome()).isEqualTo(LaunchedDelivery.Outcome.IGNORED);
    assertThat(ignored.execution()).isEmpty();
    assertThat(ignored.metadata()).isEmpty();
    assertThat(emulator.executionCount()).isZero();
    assertThatThrownBy(() -> launcher.handle(ping, signed("msg_ping", ping)))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REPLAYED));
  }

  @Test
  void aMappingThatCannotMakeARequestLaunchesNothingAndDoesNotMarkTheDelivery() {
    byte[] bad = "{\"type\": \"bad\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> launcher.handle(bad, signed("msg_bad", bad)))
        .isInstanceOf(RequestValidationException.class);
    assertThatThrownBy(() -> launcher.handle(bad, signed("msg_bad", bad)))
        .isInstanceOf(RequestValidationException.class);
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void requiresItsParts() {
    assertThatThrownBy(() -> WebhookLauncher.builder().mapping(this::map).client(client).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("verifier");
    assertThatThrownBy(
            () -> WebhookLauncher.builder().verifier(launcher.verifier()).client(client).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("mapping");
    assertThat(launcher.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }
}
