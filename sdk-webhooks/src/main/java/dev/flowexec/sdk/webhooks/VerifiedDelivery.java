package dev.flowexec.sdk.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook delivery whose signature a {@link WebhookVerifier} checked: the sender's delivery id,
 * the signed timestamp (for the schemes that sign one) and the exact payload bytes. Only a verified
 * delivery should ever be parsed or acted on. Immutable.
 */
public final class VerifiedDelivery {
  private final String id;
  private final Instant timestamp;
  private final byte[] payload;
  private final WebhookHeaders headers;

  /**
   * Creates a verified delivery. Verifiers call this; a custom {@link WebhookVerifier} may too,
   * once it has checked the signature.
   *
   * @param id the sender's id of the delivery, stable across redeliveries
   * @param timestamp the signed timestamp, or null for a scheme without one
   * @param payload the raw body; copied
   * @param headers the request's headers
   */
  public VerifiedDelivery(String id, Instant timestamp, byte[] payload, WebhookHeaders headers) {
    this.id = Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a delivery id must not be blank");
    }
    this.timestamp = timestamp;
    this.payload = Objects.requireNonNull(payload, "payload").clone();
    this.headers = Objects.requireNonNull(headers, "headers");
  }

  /**
   * Returns the sender's id of this delivery ({@code webhook-id}, {@code X-GitHub-Delivery}, the
   * Stripe event's {@code id}); a redelivery of the same event has the same id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the time the sender signed, checked against the verifier's tolerance.
   *
   * @return the timestamp; empty for a scheme that signs none (GitHub)
   */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /**
   * Returns the payload exactly as signed.
   *
   * @return a copy of the raw body
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Returns the payload decoded as UTF-8, as JSON webhooks are.
   *
   * @return the body as text
   */
  public String payloadAsString() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /**
   * Returns the size of the payload.
   *
   * @return the number of bytes
   */
  public int payloadSize() {
    return payload.length;
  }

  /**
   * Returns the request's headers, such as {@code X-GitHub-Event}. Only the signature covers the
   * body: a header other than the scheme's own is not authenticated.
   *
   * @return the headers
   */
  public WebhookHeaders headers() {
    return headers;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof VerifiedDelivery)) {
      return false;
    }
    VerifiedDelivery other = (VerifiedDelivery) o;
    return id.equals(other.id)
        && Objects.equals(timestamp, other.timestamp)
        && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, timestamp, Arrays.hashCode(payload));
  }

  /**
   * The id, the timestamp and the payload's size; never the payload, which may hold personal data.
   */
  @Override
  public String toString() {
    return "VerifiedDelivery{id="
        + id
        + (timestamp == null ? "" : ", timestamp=" + timestamp)
        + ", payload="
        + payload.length
        + " bytes}";
  }
}
