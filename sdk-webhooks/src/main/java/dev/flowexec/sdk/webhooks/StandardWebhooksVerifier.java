package dev.flowexec.sdk.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>, the scheme of Svix
 * and of many API providers: headers {@code webhook-id}, {@code webhook-timestamp} (seconds since
 * 1970) and {@code webhook-signature}, a space-separated list of {@code v1,<base64 HMAC-SHA256>}
 * over {@code id.timestamp.body}. Svix's header names ({@code svix-id}, {@code svix-timestamp},
 * {@code svix-signature}) are read when the {@code webhook-*} ones are absent.
 *
 * <p>A delivery passes when its timestamp is within the tolerance of now (5 minutes either way by
 * default) and any {@code v1} signature of the list matches under any configured secret: give two
 * secrets while rotating. Entries of other versions ({@code v1a}, asymmetric) are skipped.
 *
 * <pre>{@code
 * WebhookVerifier verifier = StandardWebhooksVerifier.builder()
 *     .secret(System.getenv("WEBHOOK_SECRET"))   // whsec_...
 *     .build();
 * VerifiedDelivery delivery = verifier.verify(body, headers);
 * }</pre>
 */
public final class StandardWebhooksVerifier implements WebhookVerifier {
  /** The header of the delivery id. */
  public static final String ID = "webhook-id";

  /** The header of the signed timestamp. */
  public static final String TIMESTAMP = "webhook-timestamp";

  /** The header of the signature list. */
  public static final String SIGNATURE = "webhook-signature";

  /** Svix's name for {@link #ID}. */
  public static final String SVIX_ID = "svix-id";

  /** Svix's name for {@link #TIMESTAMP}. */
  public static final String SVIX_TIMESTAMP = "svix-timestamp";

  /** Svix's name for {@link #SIGNATURE}. */
  public static final String SVIX_SIGNATURE = "svix-signature";

  private static final byte[] DOT = {'.'};

  private final List<byte[]> keys;
  private final TimestampWindow window;
  private final int maxBodyBytes;

  private StandardWebhooksVerifier(Builder builder) {
    this.keys = builder.secrets.keys();
    this.window = new TimestampWindow(builder.tolerance, builder.clock);
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
    boolean svix =
        headers.all(ID).isEmpty()
            && headers.all(TIMESTAMP).isEmpty()
            && headers.all(SIGNATURE).isEmpty()
            && !(headers.all(SVIX_ID).isEmpty()
                && headers.all(SVIX_TIMESTAMP).isEmpty()
                && headers.all(SVIX_SIGNATURE).isEmpty());
    String idHeader = svix ? SVIX_ID : ID;
    String timestampHeader = svix ? SVIX_TIMESTAMP : TIMESTAMP;
    String signatureHeader = svix ? SVIX_SIGNATURE : SIGNATURE;
    String id = headers.required(idHeader);
    String timestampText = headers.required(timestampHeader);
    String signatures = headers.required(signatureHeader);

    Instant timestamp = TimestampWindow.parseSeconds(timestampHeader, timestampText);
    window.check(timestamp);

    List<byte[]> candidates = new ArrayList<>();
    int malformed = 0;
    for (String entry : signatures.split(" ", -1)) {
      if (entry.isEmpty()) {
        continue;
      }
      int comma = entry.indexOf(',');
      if (comma <= 0) {
        malformed++;
        continue;
      }
      if (!entry.substring(0, comma).equals("v1")) {
        continue; // another version (v1a is asymmetric): not ours to check
      }
      byte[] signature = Encodings.base64(entry.substring(comma + 1));
      if (signature == null) {
        malformed++;
      } else {
        candidates.add(signature);
      }
    }
    if (candidates.isEmpty()) {
      throw malformed > 0
          ? new WebhookVerificationException(
              WebhookVerificationException.Reason.MALFORMED_SIGNATURE,
              "the "
                  + signatureHeader
                  + " header is not a space-separated list of v1,<base64> signatures")
          : new WebhookVerificationException(
              WebhookVerificationException.Reason.UNSUPPORTED_SIGNATURE_VERSION,
              "the "
                  + signatureHeader
                  + " header has no v1 signature, the only version this verifier checks");
    }
    byte[] signedPrefix = (id + "." + timestampText).getBytes(StandardCharsets.UTF_8);
    if (!Hmac.anyMatches(keys, candidates, signedPrefix, DOT, body)) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.SIGNATURE_MISMATCH,
          "no v1 signature of "
              + signatureHeader
              + " matches the body under the "
              + keys.size()
              + " configured secret(s): the body was changed (or re-serialized), or the secret is wrong");
    }
    return new VerifiedDelivery(id, timestamp, body, headers);
  }

  @Override
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The number of secrets and the tolerance; never a secret. */
  @Override
  public String toString() {
    return "StandardWebhooksVerifier{secrets="
        + keys.size()
        + ", tolerance="
        + window.tolerance()
        + ", maxBodyBytes="
        + maxBodyBytes
        + "}";
  }

  /**
   * Signs a delivery as a Standard Webhooks sender does; {@link WebhookSigner} builds the headers.
   *
   * @param key the raw key
   * @param id the delivery id
   * @param timestampSeconds the timestamp, seconds since 1970
   * @param body the raw body
   * @return {@code v1,<base64>}
   */
  static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
    byte[] mac =
        Hmac.sha256(key, (id + "." + timestampSeconds).getBytes(StandardCharsets.UTF_8), DOT, body);
    return "v1," + java.util.Base64.getEncoder().encodeToString(mac);
  }

  /** Builds a {@link StandardWebhooksVerifier}. Not thread-safe. */
  public static final class Builder {
    private final Secrets secrets = new Secrets();
    private Duration tolerance = TimestampWindow.DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    /**
     * Adds a secret as the sender shows it: {@code whsec_} and the base64 of the key (the prefix is
     * optional). Call it again to accept a second secret while rotating.
     *
     * @param secret the secret
     * @return this
     * @throws IllegalArgumentException if it is empty or not base64
     */
    public Builder secret(String secret) {
      secrets.addStandard(secret);
      return this;
    }

    /**
     * Adds a raw key (the decoded bytes of a {@code whsec_} secret).
     *
     * @param key the key; copied
     * @return this
     * @throws IllegalArgumentException if it is empty
     */
    public Builder secret(byte[] key) {
      secrets.addBytes(key);
      return this;
    }

    /**
     * Sets how far the signed timestamp may be from now, before or after. Default 5 minutes.
     *
     * @param tolerance a positive duration
     * @return this
     */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = TimestampWindow.checkTolerance(tolerance);
      return this;
    }

    /**
     * Sets the clock that "now" is read from. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the largest body accepted. Default {@link WebhookVerifier#DEFAULT_MAX_BODY_BYTES}.
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
    public StandardWebhooksVerifier build() {
      return new StandardWebhooksVerifier(this);
    }
  }
}
