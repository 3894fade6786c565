package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubSignatureVerifierTest {
  // GitHub's published test values ("Validating webhook deliveries").
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
  private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

  private final GitHubSignatureVerifier verifier =
      GitHubSignatureVerifier.builder().secret(SECRET).build();

  private static Map<String, List<String>> headers(String signature, String delivery) {
    Map<String, List<String>> headers = new HashMap<>();
    if (signature != null) {
      headers.put("X-Hub-Signature-256", List.of(signature));
    }
    if (delivery != null) {
      headers.put("X-GitHub-Delivery", List.of(delivery));
    }
    headers.put("X-GitHub-Event", List.of("issues"));
    return headers;
  }

  private void assertFails(byte[] body, Map<String, List<String>> headers, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(body, headers))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void thePublishedTestValuesVerify() {
    VerifiedDelivery delivery = verifier.verify(BODY, headers(SIGNATURE, DELIVERY));
    assertThat(delivery.id()).isEqualTo(DELIVERY);
    assertThat(delivery.timestamp()).isEmpty();
    assertThat(delivery.headers().first("x-github-event")).hasValue("issues");
    assertThat(WebhookSigner.gitHub(SECRET).sign(DELIVERY, Instant.EPOCH, BODY))
        .containsEntry("X-Hub-Signature-256", SIGNATURE)
        .containsEntry("X-GitHub-Delivery", DELIVERY);
    assertThat(
            verifier.verify(
                BODY,
                headers(
                    SIGNATURE.toUpperCase(Locale.ROOT).replace("SHA256=", "sha256="), DELIVERY)))
        .as("hex in either case")
        .isNotNull();
  }

  @Test
  void badInputIsTyped() {
    byte[] changed = "Hello, World?".getBytes(StandardCharsets.UTF_8);
    assertFails(changed, headers(SIGNATURE, DELIVERY), Reason.SIGNATURE_MISMATCH);
    assertFails(BODY, headers(null, DELIVERY), Reason.MISSING_HEADER);
    assertFails(BODY, headers(SIGNATURE, null), Reason.MISSING_HEADER);
    assertFails(
        BODY,
        headers("sha1=7d38cdd689735b008b3c702edd92eea23791c5f6", DELIVERY),
        Reason.UNSUPPORTED_SIGNATURE_VERSION);
    assertFails(
        BODY,
        headers("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", DELIVERY),
        Reason.MALFORMED_SIGNATURE);
    assertFails(BODY, headers("sha256=xyz", DELIVERY), Reason.MALFORMED_SIGNATURE);
    assertFails(
        BODY,
        headers(SIGNATURE.substring(0, SIGNATURE.length() - 2), DELIVERY),
        Reason.SIGNATURE_MISMATCH);
    assertThatThrownBy(
            () ->
                GitHubSignatureVerifier.builder()
                    .maxBodyBytes(4)
                    .secret(SECRET)
                    .build()
                    .verify(BODY, headers(SIGNATURE, DELIVERY)))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
    assertThatThrownBy(() -> GitHubSignatureVerifier.builder().secret(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSecondSecretServesRotation() {
    GitHubSignatureVerifier rotating =
        GitHubSignatureVerifier.builder().secret("next secret").secret(SECRET).build();
    assertThat(rotating.verify(BODY, headers(SIGNATURE, DELIVERY)).id()).isEqualTo(DELIVERY);
  }
}
