package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sign with ours and verify with the scheme's own library, and the reverse: the Standard Webhooks
 * Java library (com.standardwebhooks:standardwebhooks) and Stripe's (com.stripe:stripe-java).
 */
class InteroperabilityTest {
  private static final String PAYLOAD =
      "{\"id\": \"evt_1Interop\", \"object\": \"event\", \"type\": \"charge.succeeded\","
          + " \"api_version\": \"2024-06-20\", \"data\": {\"object\": {\"id\": \"ch_1\", \"object\": \"charge\","
          + " \"amount\": 4200, \"note\": \"caf\\u00e9 \u2615 and \\\"quotes\\\"\"}}}";
  private static final byte[] BODY = PAYLOAD.getBytes(StandardCharsets.UTF_8);

  @Nested
  class StandardWebhooksLibrary {
    private static final String SECRET =
        "whsec_" + "C2FVsBQIhrscChlQIMV+b5sSYspob7oD"; // 24 bytes of base64

    // The library checks its own tolerance against the system clock: sign at the real now.
    private final Instant now = Instant.now();

    @Test
    void whatWeSignTheyVerify() throws Exception {
      Map<String, String> signed =
          WebhookSigner.standardWebhooks(SECRET).sign("msg_2Interop", now, BODY);
      Map<String, List<String>> headers = new HashMap<>();
      signed.forEach((name, value) -> headers.put(name, List.of(value)));

      new Webhook(SECRET)
          .verify(PAYLOAD, headers); // throws WebhookVerificationException on failure
    }

    @Test
    void whatTheySignWeVerify() throws Exception {
      String signature = new Webhook(SECRET).sign("msg_3Interop", now.getEpochSecond(), PAYLOAD);
      Map<String, List<String>> headers =
          Map.of(
              "webhook-id",
              List.of("msg_3Interop"),
              "webhook-timestamp",
              List.of(Long.toString(now.getEpochSecond())),
              "webhook-signature",
              List.of(signature));

      VerifiedDelivery delivery =
          StandardWebhooksVerifier.builder().secret(SECRET).build().verify(BODY, headers);
      assertThat(delivery.id()).isEqualTo("msg_3Interop");
      assertThat(delivery.payloadAsString()).isEqualTo(PAYLOAD);
    }

    @Test
    void bothRefuseTheSameTampering() throws Exception {
      Map<String, String> signed =
          WebhookSigner.standardWebhooks(SECRET).sign("msg_4Interop", now, BODY);
      Map<String, List<String>> headers = new HashMap<>();
      signed.forEach((name, value) -> headers.put(name, List.of(value)));
      String tampered = PAYLOAD.replace("4200", "4201");

      assertThatThrownBy(() -> new Webhook(SECRET).verify(tampered, headers))
          .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
      assertThatThrownBy(
              () ->
                  StandardWebhooksVerifier.builder()
                      .secret(SECRET)
                      .build()
                      .verify(tampered.getBytes(StandardCharsets.UTF_8), headers))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    }

    @Test
    void theirSignatureOfThePublishedVectorIsOurs() throws Exception {
      assertThat(
              new Webhook(StandardWebhooksVerifierTest.SECRET)
                  .sign(
                      StandardWebhooksVerifierTest.ID,
                      StandardWebhooksVerifierTest.TIMESTAMP,
                      new String(StandardWebhooksVerifierTest.BODY, StandardCharsets.UTF_8)))
          .isEqualTo(StandardWebhooksVerifierTest.SIGNATURE)
          .isEqualTo(
              WebhookSigner.standardWebhooks(StandardWebhooksVerifierTest.SECRET)
                  .sign(
                      StandardWebhooksVerifierTest.ID,
                      Instant.ofEpochSecond(StandardWebhooksVerifierTest.TIMESTAMP),
                      StandardWebhooksVerifierTest.BODY)
                  .get("webhook-signature"));
    }
  }

  @Nested
  class StripeLibrary {
    private static final String SECRET = "whsec_e2f0c7b1a9d84c6b8f3e5d7a1c9b2e4f";
    private final Instant signedAt = Instant.ofEpochSecond(1_764_583_200L);
    private final Clock clock = Clock.fixed(signedAt.plusSeconds(42), ZoneOffset.UTC);

    @Test
    void whatWeSignTheyVerifyAndParse() throws Exception {
      String header =
          WebhookSigner.stripe(SECRET).sign("unused", signedAt, BODY).get("Stripe-Signature");

      assertThat(com.stripe.net.Webhook.Signature.verifyHeader(PAYLOAD, header, SECRET, 300, clock))
          .isTrue();
      Event event = com.stripe.net.Webhook.constructEvent(PAYLOAD, header, SECRET, 300, clock);
      assertThat(event.getId()).isEqualTo("evt_1Interop");
      assertThat(event.getType()).isEqualTo("charge.succeeded");
    }

    @Test
    void whatTheySignWeVerify() throws Exception {
      long t = signedAt.getEpochSecond();
      String v1 = com.stripe.net.Webhook.Util.computeHmacSha256(SECRET, t + "." + PAYLOAD);
      String header =
          "t="
              + t
              + ",v1="
              + v1
              + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";

      VerifiedDelivery delivery =
          StripeSignatureVerifier.builder()
              .secret(SECRET)
              .clock(clock)
              .build()
              .verify(BODY, Map.of("Stripe-Signature", List.of(header)));
      assertThat(delivery.id()).isEqualTo("evt_1Interop");
      assertThat(delivery.timestamp()).hasValue(signedAt);
    }

    @Test
    void bothRefuseTheSameStaleAndTamperedDeliveries() {
      String header =
          WebhookSigner.stripe(SECRET).sign("unused", signedAt, BODY).get("Stripe-Signature");
      Clock later = Clock.fixed(signedAt.plusSeconds(301), ZoneOffset.UTC);
      assertThatThrownBy(
              () ->
                  com.stripe.net.Webhook.Signature.verifyHeader(
                      PAYLOAD, header, SECRET, 300, later))
          .isInstanceOf(SignatureVerificationException.class);
      assertThatThrownBy(
              () ->
                  StripeSignatureVerifier.builder()
                      .secret(SECRET)
                      .clock(later)
                      .build()
                      .verify(BODY, Map.of("Stripe-Signature", List.of(header))))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD));

      String tampered = PAYLOAD.replace("4200", "4201");
      assertThatThrownBy(
              () ->
                  com.stripe.net.Webhook.Signature.verifyHeader(
                      tampered, header, SECRET, 300, clock))
          .isInstanceOf(SignatureVerificationException.class);
      assertThatThrownBy(
              () ->
                  StripeSignatureVerifier.builder()
                      .secret(SECRET)
                      .clock(clock)
                      .build()
                      .verify(
                          tampered.getBytes(StandardCharsets.UTF_8),
                          Map.of("Stripe-Signature", List.of(header))))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    }
  }
}
