package dev.flowexec.sdk.webhooks;

import java.util.Collection;
import java.util.Map;

/**
 * Checks that a webhook request was signed by its sender, over the raw body bytes exactly as
 * received. Implementations are immutable and thread-safe; build one at startup and share it.
 *
 * <p>Give it the bytes that came off the wire. A framework that parses JSON and serializes it again
 * changes whitespace, key order or number forms, and the signature no longer matches: read the body
 * as bytes ({@link RawBody#read}, Spring's {@code @RequestBody byte[]}), verify, and only then
 * parse.
 *
 * <p>The schemes: {@link StandardWebhooksVerifier} (Standard Webhooks and Svix), {@link
 * StripeSignatureVerifier} ({@code Stripe-Signature: t=…,v1=…}) and {@link GitHubSignatureVerifier}
 * ({@code X-Hub-Signature-256}).
 */
public interface WebhookVerifier {
  /** The default limit on a body: 1 MiB, the flow service's own limit on a launch. */
  int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /**
   * Verifies a delivery.
   *
   * @param body the raw request body
   * @param headers the request's headers
   * @return the verified delivery
   * @throws WebhookVerificationException saying which check failed; nothing about the delivery may
   *     be trusted then
   */
  VerifiedDelivery verify(byte[] body, WebhookHeaders headers);

  /**
   * Verifies a delivery whose headers are a map of names to values, looked up without regard to
   * case.
   *
   * @param body the raw request body
   * @param headers the request's headers, such as {@code HttpExchange.getRequestHeaders()}
   * @return the verified delivery
   * @throws WebhookVerificationException saying which check failed
   */
  default VerifiedDelivery verify(byte[] body, Map<String, ? extends Collection<String>> headers) {
    return verify(body, WebhookHeaders.of(headers));
  }

  /**
   * Returns the largest body this verifier accepts; read no more than this plus one byte.
   *
   * @return the limit in bytes
   */
  int maxBodyBytes();
}
