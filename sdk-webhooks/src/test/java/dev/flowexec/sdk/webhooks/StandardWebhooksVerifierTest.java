package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksVerifierTest {
  // The published test vector of Standard Webhooks (its libraries' shared sign test).
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330L;
  static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final Clock AT_SIGNING =
      Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);
  private final StandardWebhooksVerifier verifier = verifierAt(AT_SIGNING);

  private static StandardWebhooksVerifier verifierAt(Clock clock) {
    return StandardWebhooksVerifier.builder().secret(SECRET).clock(clock).build();
  }

  private static Map<String, List<String>> headers(String id, String timestamp, String signature) {
    Map<String, List<String>> headers = new HashMap<>();
    if (id != null) {
      headers.put("webhook-id", List.of(id));
    }
    if (timestamp != null) {
      headers.put("webhook-timestamp", List.of(timestamp));
    }
    if (signature != null) {
      headers.put("webhook-signature", List.of(signature));
    }
    return headers;
  }

  private static Map<String, List<String>> valid() {
    return headers(ID, Long.toString(TIMESTAMP), SIGNATURE);
  }

  private void assertFails(byte[] body, Map<String, List<String>> headers, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(body, headers))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageNotContaining("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  @Test
  void thePublishedVectorVerifies() {
    VerifiedDelivery delivery = verifier.verify(BODY, valid());

    assertThat(delivery.id()).isEqualTo(ID);
    assertThat(delivery.timestamp()).hasValue(Instant.ofEpochSecond(TIMESTAMP));
    assertThat(delivery.payload()).isEqualTo(BODY);
    assertThat(delivery.toString()).contains(ID, "20 bytes").doesNotContain("2432232314");
  }

  @Test
  void ourSignerProducesThePublishedVector() {
    Map<String, String> signed =
        WebhookSigner.standardWebhooks(SECRET).sign(ID, Instant.ofEpochSecond(TIMESTAMP), BODY);
    assertThat(signed)
        .containsExactly(
            Map.entry("webhook-id", ID),
            Map.entry("webhook-timestamp", "1614265330"),
            Map.entry("webhook-signature", SIGNATURE));
    // The whsec_ prefix is optional, and a raw key is the same secret.
    assertThat(
            StandardWebhooksVerifier.builder()
                .secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .clock(AT_SIGNING)
                .build()
                .verify(BODY, valid())
                .id())
        .isEqualTo(ID);
  }

  @Test
  void headerNamesAreCaseInsensitiveAndSvixNamesWork() {
    Map<String, List<String>> shouting =
        Map.of(
            "Webhook-Id",
            List.of(ID),
            "WEBHOOK-TIMESTAMP",
            List.of("1614265330"),
            "webhook-Signature",
            List.of(SIGNATURE));
    assertThat(verifier.verify(BODY, shouting).id()).isEqualTo(ID);

    Map<String, List<String>> svix =
        Map.of(
            "Svix-Id",
            List.of(ID),
            "svix-timestamp",
            List.of("1614265330"),
            "SVIX-SIGNATURE",
            List.of(SIGNATURE));
    assertThat(verifier.verify(BODY, svix).id()).isEqualTo(ID);
    assertThat(
            verifier
                .verify(
                    BODY,
                    WebhookHeaders.ofSingleValues(
                        WebhookSigner.svix(SECRET)
                            .sign(ID, Instant.ofEpochSecond(TIMESTAMP), BODY)))
                .id())
        .isEqualTo(ID);
    assertThat(
            verifier
                .verify(
                    BODY,
                    WebhookHeaders.from(
                        name -> {
                          List<String> values =
                              valid().get(name.toLowerCase(java.util.Locale.ROOT));
                          return values == null ? null : values.get(0);
                        }))
                .id())
        .isEqualTo(ID);
  }

  @Test
  void anyV1SignatureOfTheListMayMatchAndOtherVersionsAreSkipped() {
    String list =
        "v1a,c29tZXRoaW5nIGFzeW1tZXRyaWM= v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
            + SIGNATURE
            + " v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    assertThat(verifier.verify(BODY, headers(ID, "1614265330", list)).id()).isEqualTo(ID);
  }

  @Test
  void aSecondSecretServesRotation() {
    String newSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    StandardWebhooksVerifier rotating =
        StandardWebhooksVerifier.builder()
            .secret(newSecret)
            .secret(SECRET)
            .clock(AT_SIGNING)
            .build();
    assertThat(rotating.verify(BODY, valid()).id()).isEqualTo(ID);
    Map<String, String> byNew =
        WebhookSigner.standardWebhooks(newSecret).sign(ID, Instant.ofEpochSecond(TIMESTAMP), BODY);
    assertThat(rotating.verify(BODY, WebhookHeaders.ofSingleValues(byNew)).id()).isEqualTo(ID);
    assertThatThrownBy(() -> verifier.verify(BODY, WebhookHeaders.ofSingleValues(byNew)))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    assertThat(rotating.toString())
        .contains("secrets=2")
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  @Test
  void aBodyChangedByOneByteFails() {
    for (int i = 0; i < BODY.length; i++) {
      byte[] changed = BODY.clone();
      changed[i] ^= 1;
      assertFails(changed, valid(), Reason.SIGNATURE_MISMATCH);
    }
    assertFails(
        "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8),
        valid(),
        Reason.SIGNATURE_MISMATCH);
    assertFails(BODY, headers(ID + "x", "1614265330", SIGNATURE), Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void theTimestampMustBeWithinTheToleranceEitherWay() {
    Duration tolerance = Duration.ofMinutes(5);
    Instant signedAt = Instant.ofEpochSecond(TIMESTAMP);
    Clock justInLate = Clock.fixed(signedAt.plus(tolerance), ZoneOffset.UTC);
    Clock justInEarly = Clock.fixed(signedAt.minus(tolerance), ZoneOffset.UTC);
    assertThat(verifierAt(justInLate).verify(BODY, valid()).id()).isEqualTo(ID);
    assertThat(verifierAt(justInEarly).verify(BODY, valid()).id()).isEqualTo(ID);

    Clock late = Clock.fixed(signedAt.plus(tolerance).plusSeconds(1), ZoneOffset.UTC);
    Clock early = Clock.fixed(signedAt.minus(tolerance).minusSeconds(1), ZoneOffset.UTC);
    assertThatThrownBy(() -> verifierAt(late).verify(BODY, valid()))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD));
    assertThatThrownBy(() -> verifierAt(early).verify(BODY, valid()))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_NEW));
    StandardWebhooksVerifier wide =
        StandardWebhooksVerifier.builder()
            .secret(SECRET)
            .clock(late)
            .tolerance(Duration.ofMinutes(10))
            .build();
    assertThat(wide.verify(BODY, valid()).id()).isEqualTo(ID);
  }

  @Test
  void missingHeadersAreNamed() {
    assertFails(BODY, headers(null, "1614265330", SIGNATURE), Reason.MISSING_HEADER);
    assertFails(BODY, headers(ID, null, SIGNATURE), Reason.MISSING_HEADER);
    assertFails(BODY, headers(ID, "1614265330", null), Reason.MISSING_HEADER);
    assertFails(BODY, headers(ID, "1614265330", "  "), Reason.MISSING_HEADER);
    assertFails(BODY, Map.of(), Reason.MISSING_HEADER);
    assertThatThrownBy(() -> verifier.verify(BODY, headers(ID, "1614265330", null)))
        .hasMessageContaining("webhook-signature");
  }

  @Test
  void malformedHeadersAndSignatureListsFail() {
    assertFails(BODY, headers(ID, "soon", SIGNATURE), Reason.MALFORMED_HEADER);
    assertFails(BODY, headers(ID, "1614265330.5", SIGNATURE), Reason.MALFORMED_HEADER);
    assertFails(BODY, headers(ID, "+1614265330", SIGNATURE), Reason.MALFORMED_HEADER);
    Map<String, List<String>> twice = valid();
    twice.put("webhook-id", List.of(ID, "msg_other"));
    assertFails(BODY, twice, Reason.MALFORMED_HEADER);

    assertFails(
        BODY,
        headers(ID, "1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        Reason.MALFORMED_SIGNATURE);
    assertFails(BODY, headers(ID, "1614265330", "v1,not*base64!"), Reason.MALFORMED_SIGNATURE);
    assertFails(BODY, headers(ID, "1614265330", "v1,"), Reason.MALFORMED_SIGNATURE);
    assertFails(BODY, headers(ID, "1614265330", ",abc"), Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void anUnknownVersionAloneIsUnsupported() {
    assertFails(
        BODY,
        headers(ID, "1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        Reason.UNSUPPORTED_SIGNATURE_VERSION);
    assertFails(
        BODY,
        headers(ID, "1614265330", "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        Reason.UNSUPPORTED_SIGNATURE_VERSION);
  }

  @Test
  void aBodyOverTheBoundFailsBeforeAnyHashing() {
    StandardWebhooksVerifier small =
        StandardWebhooksVerifier.builder()
            .secret(SECRET)
            .clock(AT_SIGNING)
            .maxBodyBytes(BODY.length - 1)
            .build();
    assertThatThrownBy(() -> small.verify(BODY, valid()))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
    assertThat(
            StandardWebhooksVerifier.builder()
                .secret(SECRET)
                .clock(AT_SIGNING)
                .maxBodyBytes(BODY.length)
                .build()
                .verify(BODY, valid())
                .id())
        .isEqualTo(ID);
    assertThat(verifier.maxBodyBytes()).isEqualTo(1 << 20);
  }

  @Test
  void emptyOrInvalidSecretsAreRefusedAtBuildTime() {
    assertThatThrownBy(() -> StandardWebhooksVerifier.builder().secret(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> StandardWebhooksVerifier.builder().secret("whsec_"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> StandardWebhooksVerifier.builder().secret(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandardWebhooksVerifier.builder().secret("whsec_not base64 at all!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64")
        .hasMessageNotContaining("not base64 at all");
    assertThatThrownBy(() -> StandardWebhooksVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret(");
    assertThatThrownBy(() -> StandardWebhooksVerifier.builder().tolerance(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
