package dev.flowexec.sdk.webhooks;

import java.util.Objects;
import java.util.Optional;

/**
 * A webhook delivery failed verification, and nothing may act on it. {@link #reason()} says which
 * check failed, for your logs and metrics; do not tell the sender which one (answer every reason
 * but {@link Reason#BODY_TOO_LARGE} and {@link Reason#REPLAYED} with the same {@code 401}), so a
 * forger learns nothing from the answer.
 *
 * <p>The message names the header and the rule, never a secret or an expected signature.
 */
public final class WebhookVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which check a delivery failed. */
  public enum Reason {
    /** A header the scheme needs is absent (or empty). */
    MISSING_HEADER,
    /**
     * A header is present but not in the scheme's form: a timestamp that is not a number, or a
     * header given twice with different values.
     */
    MALFORMED_HEADER,
    /**
     * The signature header cannot be read: an entry without a version, a value that is not base64
     * or hex.
     */
    MALFORMED_SIGNATURE,
    /**
     * The signature header is well formed but has no signature of a version this verifier knows
     * (only {@code v2}, or {@code sha1=}).
     */
    UNSUPPORTED_SIGNATURE_VERSION,
    /**
     * The signed timestamp is further in the past than the tolerance allows: a stale or replayed
     * delivery.
     */
    TIMESTAMP_TOO_OLD,
    /**
     * The signed timestamp is further in the future than the tolerance allows: a clock far off, or
     * a forged timestamp.
     */
    TIMESTAMP_TOO_NEW,
    /**
     * No signature matches the body under any of the configured secrets: a changed body, a wrong
     * secret, or a forgery.
     */
    SIGNATURE_MISMATCH,
    /** The body is larger than the verifier accepts; it was not read to the end. */
    BODY_TOO_LARGE,
    /**
     * The signature is valid, but the delivery carries no id to launch by (a Stripe-style body
     * without a top-level {@code "id"}).
     */
    MISSING_DELIVERY_ID,
    /**
     * The signature is valid, but a delivery with this id was already handled: see {@link
     * ReplayCache}.
     */
    REPLAYED
  }

  /** Which check failed. */
  private final Reason reason;

  /** The delivery, verified, of a {@link Reason#REPLAYED} failure; not serialized. */
  private final transient VerifiedDelivery delivery;

  /**
   * Creates the exception.
   *
   * @param reason which check failed
   * @param message what was wrong, for a person; never a secret
   */
  public WebhookVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.reason = Objects.requireNonNull(reason, "reason");
    this.delivery = null;
  }

  private WebhookVerificationException(VerifiedDelivery replayed) {
    super("delivery " + replayed.id() + " was handled already; nothing was done again");
    this.reason = Reason.REPLAYED;
    this.delivery = replayed;
  }

  /** A delivery whose signature is valid and whose id was handled before. */
  static WebhookVerificationException replayed(VerifiedDelivery delivery) {
    return new WebhookVerificationException(delivery);
  }

  /**
   * Returns which check failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the delivery of a {@link Reason#REPLAYED} failure: its signature was valid, so it may
   * be read, to answer the sender as the first time (the same derived execution id).
   *
   * @return the verified delivery; empty for every other reason, since nothing else was verified
   */
  public Optional<VerifiedDelivery> delivery() {
    return Optional.ofNullable(delivery);
  }
}
