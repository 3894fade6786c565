package dev.flowexec.sdk.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Produces the headers a sender of each scheme would send for a body, for tests of your webhook
 * endpoint (and of ours). Immutable; {@code toString} never shows the secret.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
 * Map<String, String> headers = signer.sign("msg_1", Instant.now(), body);
 * // {webhook-id=msg_1, webhook-timestamp=..., webhook-signature=v1,...}
 * }</pre>
 */
public final class WebhookSigner {
  private enum Scheme {
    STANDARD,
    SVIX,
    STRIPE,
    GITHUB
  }

  private final Scheme scheme;
  private final byte[] key;

  private WebhookSigner(Scheme scheme, byte[] key) {
    this.scheme = scheme;
    this.key = key;
  }

  /**
   * A Standard Webhooks sender: {@code webhook-id}, {@code webhook-timestamp}, {@code
   * webhook-signature}.
   *
   * @param secret {@code whsec_} and the base64 of the key
   * @return the signer
   */
  public static WebhookSigner standardWebhooks(String secret) {
    Secrets secrets = new Secrets();
    secrets.addStandard(secret);
    return new WebhookSigner(Scheme.STANDARD, secrets.keys().get(0));
  }

  /**
   * A Svix sender: as {@link #standardWebhooks(String)}, with {@code svix-*} header names.
   *
   * @param secret {@code whsec_} and the base64 of the key
   * @return the signer
   */
  public static WebhookSigner svix(String secret) {
    Secrets secrets = new Secrets();
    secrets.addStandard(secret);
    return new WebhookSigner(Scheme.SVIX, secrets.keys().get(0));
  }

  /**
   * A Stripe sender: {@code Stripe-Signature: t=…,v1=…}. The delivery id is the body's {@code
   * "id"}, so {@link #sign} ignores its {@code deliveryId}.
   *
   * @param secret the endpoint signing secret, used whole as the key
   * @return the signer
   */
  public static WebhookSigner stripe(String secret) {
    Secrets secrets = new Secrets();
    secrets.addText(secret);
    return new WebhookSigner(Scheme.STRIPE, secrets.keys().get(0));
  }

  /**
   * A GitHub sender: {@code X-Hub-Signature-256} and {@code X-GitHub-Delivery}. GitHub signs no
   * timestamp, so {@link #sign} ignores its {@code timestamp}.
   *
   * @param secret the webhook secret
   * @return the signer
   */
  public static WebhookSigner gitHub(String secret) {
    Secrets secrets = new Secrets();
    secrets.addText(secret);
    return new WebhookSigner(Scheme.GITHUB, secrets.keys().get(0));
  }

  /**
   * Signs a body.
   *
   * @param deliveryId the delivery id (not sent by the Stripe scheme, whose id is in the body)
   * @param timestamp when it is signed, truncated to seconds (not sent by GitHub)
   * @param body the raw body
   * @return the headers to send, in a stable order
   */
  public Map<String, String> sign(String deliveryId, Instant timestamp, byte[] body) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(body, "body");
    long seconds = timestamp.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    switch (scheme) {
      case STANDARD:
      case SVIX:
        boolean svix = scheme == Scheme.SVIX;
        headers.put(
            svix ? StandardWebhooksVerifier.SVIX_ID : StandardWebhooksVerifier.ID, deliveryId);
        headers.put(
            svix ? StandardWebhooksVerifier.SVIX_TIMESTAMP : StandardWebhooksVerifier.TIMESTAMP,
            Long.toString(seconds));
        headers.put(
            svix ? StandardWebhooksVerifier.SVIX_SIGNATURE : StandardWebhooksVerifier.SIGNATURE,
            StandardWebhooksVerifier.sign(key, deliveryId, seconds, body));
        break;
      case STRIPE:
        headers.put(
            StripeSignatureVerifier.SIGNATURE,
            "t=" + seconds + ",v1=" + StripeSignatureVerifier.sign(key, seconds, body));
        break;
      case GITHUB:
        headers.put(GitHubSignatureVerifier.SIGNATURE, GitHubSignatureVerifier.sign(key, body));
        headers.put(GitHubSignatureVerifier.DELIVERY, deliveryId);
        break;
      default:
        throw new AssertionError(scheme);
    }
    return headers;
  }

  /** The scheme; never the secret. */
  @Override
  public String toString() {
    return "WebhookSigner{" + scheme + "}";
  }
}
