package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Over arbitrary bodies, ids and keys: what is signed verifies, and any one flipped bit does not.
 */
class SignaturePropertiesTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_764_583_200L);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Map<String, List<String>> multi(Map<String, String> headers) {
    Map<String, List<String>> multi = new java.util.HashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return multi;
  }

  @Property(tries = 200)
  void standardWebhooksRoundTripsAndRefusesAnyFlippedBit(
      @ForAll @Size(max = 2048) byte[] body,
      @ForAll @Size(min = 1, max = 64) byte[] key,
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String id,
      @ForAll @IntRange(min = 0, max = 16383) int bit) {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    StandardWebhooksVerifier verifier =
        StandardWebhooksVerifier.builder().secret(secret).clock(CLOCK).build();
    Map<String, List<String>> headers =
        multi(WebhookSigner.standardWebhooks(secret).sign(id, NOW, body));

    assertThat(verifier.verify(body, headers).payload()).isEqualTo(body);
    if (body.length > 0) {
      byte[] flipped = body.clone();
      flipped[(bit / 8) % body.length] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> verifier.verify(flipped, headers))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    }
  }

  @Property(tries = 200)
  void stripeAndGitHubRoundTripAndRefuseAnyFlippedBit(
      @ForAll @Size(min = 1, max = 2048) byte[] payload,
      @ForAll @StringLength(min = 1, max = 60) String secret,
      @ForAll @IntRange(min = 0, max = 16383) int bit) {
    // A Stripe-style body carries its id: give it one, then the arbitrary bytes as a JSON string.
    byte[] event =
        ("{\"id\": \"evt_1\", \"blob\": \"" + Base64.getEncoder().encodeToString(payload) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    StripeSignatureVerifier stripe =
        StripeSignatureVerifier.builder().secret(secret).clock(CLOCK).build();
    Map<String, List<String>> stripeHeaders =
        multi(WebhookSigner.stripe(secret).sign("unused", NOW, event));
    assertThat(stripe.verify(event, stripeHeaders).id()).isEqualTo("evt_1");

    GitHubSignatureVerifier gitHub = GitHubSignatureVerifier.builder().secret(secret).build();
    Map<String, List<String>> gitHubHeaders =
        multi(WebhookSigner.gitHub(secret).sign("d-1", NOW, payload));
    assertThat(gitHub.verify(payload, gitHubHeaders).id()).isEqualTo("d-1");

    byte[] flippedEvent = event.clone();
    flippedEvent[(bit / 8) % event.length] ^= (byte) (1 << (bit % 8));
    assertThatThrownBy(() -> stripe.verify(flippedEvent, stripeHeaders))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    byte[] flippedPayload = payload.clone();
    flippedPayload[(bit / 8) % payload.length] ^= (byte) (1 << (bit % 8));
    assertThatThrownBy(() -> gitHub.verify(flippedPayload, gitHubHeaders))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
  }

  @Property(tries = 100)
  void theStandardWebhooksLibraryAndWeAgreeOnArbitraryText(
      @ForAll @StringLength(max = 500) String payload, @ForAll @Size(min = 1, max = 64) byte[] key)
      throws Exception {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    long now = Instant.now().getEpochSecond(); // the library reads the system clock
    String theirs = new Webhook(secret).sign("msg_p", now, payload);
    String ours =
        WebhookSigner.standardWebhooks(secret)
            .sign("msg_p", Instant.ofEpochSecond(now), payload.getBytes(StandardCharsets.UTF_8))
            .get("webhook-signature");
    assertThat(ours).isEqualTo(theirs);
  }
}
