package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripeSignatureVerifierTest {
  private static final String SECRET = "whsec_test_secret";
  private static final Instant NOW = Instant.ofEpochSecond(1_764_583_200L);
  private static final byte[] EVENT =
      ("{\n  \"id\": \"evt_1QxYz\",\n  \"object\": \"event\",\n"
              + "  \"data\": {\"object\": {\"id\": \"pi_123\", \"amount\": 1250}},\n  \"type\": \"payment_intent.succeeded\"\n}")
          .getBytes(StandardCharsets.UTF_8);

  private final StripeSignatureVerifier verifier =
      StripeSignatureVerifier.builder()
          .secret(SECRET)
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .build();

  private static String header(Instant at, byte[] body) {
    return WebhookSigner.stripe(SECRET).sign("ignored", at, body).get("Stripe-Signature");
  }

  private void assertFails(byte[] body, String header, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(body, Map.of("stripe-signature", List.of(header))))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void aSignedEventVerifiesAndItsIdIsTheEventId() {
    VerifiedDelivery delivery =
        verifier.verify(EVENT, Map.of("Stripe-Signature", List.of(header(NOW, EVENT))));
    assertThat(delivery.id()).isEqualTo("evt_1QxYz");
    assertThat(delivery.timestamp()).hasValue(NOW);
  }

  @Test
  void theHeaderMayCarrySeveralV1AndOtherSchemes() {
    String valid = header(NOW, EVENT);
    String signature = valid.substring(valid.indexOf("v1=") + 3);
    String header =
        "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + ",v0=abc," + "v1=" + signature;
    assertThat(verifier.verify(EVENT, Map.of("Stripe-Signature", List.of(header))).id())
        .isEqualTo("evt_1QxYz");
    StripeSignatureVerifier rotating =
        StripeSignatureVerifier.builder()
            .secret("whsec_new")
            .secret(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    assertThat(rotating.verify(EVENT, Map.of("Stripe-Signature", List.of(valid))).id())
        .isEqualTo("evt_1QxYz");
  }

  @Test
  void badInputIsTyped() {
    String valid = header(NOW, EVENT);
    byte[] changed = EVENT.clone();
    changed[changed.length - 3] ^= 1;
    assertFails(changed, valid, Reason.SIGNATURE_MISMATCH);
    assertFails(EVENT, header(NOW.minusSeconds(301), EVENT), Reason.TIMESTAMP_TOO_OLD);
    assertFails(EVENT, header(NOW.plusSeconds(301), EVENT), Reason.TIMESTAMP_TOO_NEW);
    assertThat(
            verifier.verify(
                EVENT, Map.of("Stripe-Signature", List.of(header(NOW.minusSeconds(300), EVENT)))))
        .isNotNull();
    assertFails(EVENT, valid.replaceFirst("t=\\d+,", ""), Reason.MALFORMED_SIGNATURE);
    assertFails(EVENT, valid.replace("v1=", "v1=zz"), Reason.MALFORMED_SIGNATURE);
    assertFails(EVENT, valid.replace("v1=", "v9="), Reason.UNSUPPORTED_SIGNATURE_VERSION);
    assertFails(EVENT, "t=later," + valid.substring(valid.indexOf("v1=")), Reason.MALFORMED_HEADER);
    assertFails(
        EVENT, "t=1,t=2," + valid.substring(valid.indexOf("v1=")), Reason.MALFORMED_SIGNATURE);
    assertFails(EVENT, "garbage", Reason.MALFORMED_SIGNATURE);
    assertThatThrownBy(() -> verifier.verify(EVENT, Map.of()))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER));
    assertThatThrownBy(() -> StripeSignatureVerifier.builder().secret(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValidSignatureWithoutAnEventIdIsTyped() {
    byte[] noId =
        "{\"object\": \"event\", \"data\": {\"id\": \"nested-not-top-level\"}}"
            .getBytes(StandardCharsets.UTF_8);
    assertFails(noId, header(NOW, noId), Reason.MISSING_DELIVERY_ID);
    byte[] notJson = "id=evt_1".getBytes(StandardCharsets.UTF_8);
    assertFails(notJson, header(NOW, notJson), Reason.MISSING_DELIVERY_ID);

    StripeSignatureVerifier byHeader =
        StripeSignatureVerifier.builder()
            .secret(SECRET)
            .signatureHeader("X-Signature")
            .deliveryIdHeader("X-Delivery-Id")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .tolerance(Duration.ofSeconds(30))
            .build();
    VerifiedDelivery delivery =
        byHeader.verify(
            notJson,
            Map.of("x-signature", List.of(header(NOW, notJson)), "x-delivery-id", List.of("d-7")));
    assertThat(delivery.id()).isEqualTo("d-7");
  }
}
