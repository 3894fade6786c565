package dev.flowexec.sdk.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies Stripe-style signatures: {@code Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>…]},
 * where each {@code v1} is the hex HMAC-SHA256 of {@code t.body} under the endpoint's signing
 * secret (the whole {@code whsec_…} string is the key, as Stripe uses it). Other schemes in the
 * header ({@code v0}) are ignored. Stripe itself sends several {@code v1} while you roll a secret;
 * several configured secrets serve your own rotation.
 *
 * <p>The header carries no delivery id: it is the event's top-level {@code "id"} in the body
 * ({@code evt_…}), read only after the signature matched, or a header you name with {@link
 * Builder#deliveryIdHeader(String)} for other senders of this scheme.
 *
 * <pre>{@code
 * WebhookVerifier verifier = StripeSignatureVerifier.builder()
 *     .secret(System.getenv("STRIPE_WEBHOOK_SECRET"))   // whsec_...
 *     .build();
 * }</pre>
 */
public final class StripeSignatureVerifier implements WebhookVerifier {
  /** The signature header Stripe sends. */
  public static final String SIGNATURE = "Stripe-Signature";

  private static final byte[] DOT = {'.'};

  private final List<byte[]> keys;
  private final TimestampWindow window;
  private final int maxBodyBytes;
  private final String signatureHeader;
  private final String deliveryIdHeader;

  private StripeSignatureVerifier(Builder builder) {
    this.keys = builder.secrets.keys();
    this.window = new TimestampWindow(builder.tolerance, builder.clock);
    this.maxBodyBytes = builder.maxBodyBytes;
    this.signatureHeader = builder.signatureHeader;
    this.deliveryIdHeader = builder.deliveryIdHeader;
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
    String header = headers.required(signatureHeader);
    String idFromHeader = deliveryIdHeader == null ? null : headers.required(deliveryIdHeader);

    String timestampText = null;
    List<byte[]> candidates = new ArrayList<>();
    int malformed = 0;
    for (String item : header.split(",", -1)) {
      String element = item.trim();
      int equals = element.indexOf('=');
      if (equals <= 0) {
        malformed++;
        continue;
      }
      String key = element.substring(0, equals);
      String value = element.substring(equals + 1);
      if (key.equals("t")) {
        if (timestampText != null && !timestampText.equals(value)) {
          throw new WebhookVerificationException(
              WebhookVerificationException.Reason.MALFORMED_SIGNATURE,
              "the " + signatureHeader + " header has two different t= timestamps");
        }
        timestampText = value;
      } else if (key.equals("v1")) {
        byte[] signature = Encodings.hex(value);
        if (signature == null) {
          malformed++;
        } else {
          candidates.add(signature);
        }
      }
    }
    if (timestampText == null) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.MALFORMED_SIGNATURE,
          "the " + signatureHeader + " header has no t=<timestamp>: it reads t=<seconds>,v1=<hex>");
    }
    Instant timestamp = TimestampWindow.parseSeconds(signatureHeader + " t=", timestampText);
    if (candidates.isEmpty()) {
      throw malformed > 0
          ? new WebhookVerificationException(
              WebhookVerificationException.Reason.MALFORMED_SIGNATURE,
              "the "
                  + signatureHeader
                  + " header is not a comma-separated list of t=<seconds> and v1=<hex>")
          : new WebhookVerificationException(
              WebhookVerificationException.Reason.UNSUPPORTED_SIGNATURE_VERSION,
              "the "
                  + signatureHeader
                  + " header has no v1= signature, the only scheme this verifier checks");
    }
    window.check(timestamp);
    byte[] prefix = timestampText.getBytes(StandardCharsets.UTF_8);
    if (!Hmac.anyMatches(keys, candidates, prefix, DOT, body)) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.SIGNATURE_MISMATCH,
          "no v1 signature of "
              + signatureHeader
              + " matches the body under the "
              + keys.size()
              + " configured secret(s): the body was changed (or re-serialized), or the secret is wrong");
    }
    String id = idFromHeader != null ? idFromHeader : JsonTopLevelString.find(body, "id");
    if (id == null || id.isBlank()) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.MISSING_DELIVERY_ID,
          "the signature is valid, but the body is not a JSON object with a top-level \"id\" string"
              + " (a Stripe event's evt_...); name a header with deliveryIdHeader(...) if the id comes there");
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
    return "StripeSignatureVerifier{secrets="
        + keys.size()
        + ", tolerance="
        + window.tolerance()
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", header="
        + signatureHeader
        + "}";
  }

  /** The hex HMAC-SHA256 of {@code t.body}: what a {@code v1=} carries. */
  static String sign(byte[] key, long timestampSeconds, byte[] body) {
    return Encodings.toHex(
        Hmac.sha256(
            key, Long.toString(timestampSeconds).getBytes(StandardCharsets.UTF_8), DOT, body));
  }

  /** Builds a {@link StripeSignatureVerifier}. Not thread-safe. */
  public static final class Builder {
    private final Secrets secrets = new Secrets();
    private Duration tolerance = TimestampWindow.DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private String signatureHeader = SIGNATURE;
    private String deliveryIdHeader;

    private Builder() {}

    /**
     * Adds an endpoint signing secret ({@code whsec_…}), used whole as the HMAC key. Call it again
     * to accept a second secret while rotating.
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
     * Sets how far the signed timestamp may be from now, before or after. Default 5 minutes, as
     * Stripe's libraries use.
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
     * Sets the header that carries the signature, for senders of this scheme other than Stripe.
     * Default {@value StripeSignatureVerifier#SIGNATURE}.
     *
     * @param name the header name
     * @return this
     */
    public Builder signatureHeader(String name) {
      this.signatureHeader = requireName(name);
      return this;
    }

    /**
     * Reads the delivery id from a header instead of the body's top-level {@code "id"}.
     *
     * @param name the header name
     * @return this
     */
    public Builder deliveryIdHeader(String name) {
      this.deliveryIdHeader = requireName(name);
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if no secret was given
     */
    public StripeSignatureVerifier build() {
      return new StripeSignatureVerifier(this);
    }

    private static String requireName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a header name must not be blank");
      }
      return name;
    }
  }
}
