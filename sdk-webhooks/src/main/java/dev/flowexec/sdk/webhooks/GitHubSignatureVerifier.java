package dev.flowexec.sdk.webhooks;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies GitHub webhooks: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>} under
 * the webhook's secret, with the delivery id from {@code X-GitHub-Delivery}. The legacy SHA-1
 * {@code X-Hub-Signature} is not accepted.
 *
 * <p>GitHub signs no timestamp, so a captured delivery verifies forever: replay protection is by
 * delivery id alone, which {@link ReplayCache} and the idempotent launch of {@link WebhookLauncher}
 * provide.
 *
 * <pre>{@code
 * WebhookVerifier verifier = GitHubSignatureVerifier.builder()
 *     .secret(System.getenv("GITHUB_WEBHOOK_SECRET"))
 *     .build();
 * }</pre>
 */
public final class GitHubSignatureVerifier implements WebhookVerifier {
  /** The signature header. */
  public static final String SIGNATURE = "X-Hub-Signature-256";

  /** The delivery id header. */
  public static final String DELIVERY = "X-GitHub-Delivery";

  /** The event name header ({@code push}, {@code ping}); not signed. */
  public static final String EVENT = "X-GitHub-Event";

  private static final String PREFIX = "sha256=";
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+");

  private final List<byte[]> keys;
  private final int maxBodyBytes;

  private GitHubSignatureVerifier(Builder builder) {
    this.keys = builder.secrets.keys();
    this.maxBodyBytes = builder.maxBodyBytes;
  }

  /**
   * Starts a builder; at least one {@link Builder#secret(String)} is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public VerifiedDelivery verify(byte[] body, WebhookHeaders headers) {
    RawBody.check(body, maxBodyBytes);
    Objects.requireNonNull(headers, "headers");
    String signature = headers.required(SIGNATURE);
    String id = headers.required(DELIVERY);
    if (!signature.startsWith(PREFIX)) {
      int equals = signature.indexOf('=');
      throw equals > 0 && ALGORITHM.matcher(signature.substring(0, equals)).matches()
          ? new WebhookVerificationException(
              WebhookVerificationException.Reason.UNSUPPORTED_SIGNATURE_VERSION,
              "the "
                  + SIGNATURE
                  + " header is a "
                  + signature.substring(0, equals)
                  + " signature; only sha256= is checked")
          : new WebhookVerificationException(
              WebhookVerificationException.Reason.MALFORMED_SIGNATURE,
              "the " + SIGNATURE + " header is not sha256=<hex>");
    }
    byte[] candidate = Encodings.hex(signature.substring(PREFIX.length()));
    if (candidate == null) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.MALFORMED_SIGNATURE,
          "the " + SIGNATURE + " header is not sha256=<hex>");
    }
    if (!Hmac.anyMatches(keys, List.of(candidate), body)) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.SIGNATURE_MISMATCH,
          "the "
              + SIGNATURE
              + " signature does not match the body under the "
              + keys.size()
              + " configured secret(s): the body was changed (or re-serialized), or the secret is wrong");
    }
    return new VerifiedDelivery(id, null, body, headers);
  }

  @Override
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The number of secrets; never a secret. */
  @Override
  public String toString() {
    return "GitHubSignatureVerifier{secrets="
        + keys.size()
        + ", maxBodyBytes="
        + maxBodyBytes
        + "}";
  }

  /** {@code sha256=<hex>} of the body. */
  static String sign(byte[] key, byte[] body) {
    return PREFIX + Encodings.toHex(Hmac.sha256(key, body));
  }

  /** Builds a {@link GitHubSignatureVerifier}. Not thread-safe. */
  public static final class Builder {
    private final Secrets secrets = new Secrets();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    /**
     * Adds the webhook's secret, as typed into GitHub's settings. Call it again to accept a second
     * secret while rotating.
     *
     * @param secret the secret
     * @return this
     * @throws IllegalArgumentException if it is empty
     */
    public Builder secret(String secret) {
      secrets.addText(secret);
      return this;
    }

    /**
     * Sets the largest body accepted. Default {@link WebhookVerifier#DEFAULT_MAX_BODY_BYTES};
     * GitHub caps payloads at 25 MB.
     *
     * @param maxBodyBytes at least 1
     * @return this
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1: " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if no secret was given
     */
    public GitHubSignatureVerifier build() {
      return new GitHubSignatureVerifier(this);
    }
  }
}
