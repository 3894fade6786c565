/**
 * Receiving webhooks: verify the signature over the raw body, then launch exactly once.
 *
 * <p>{@link dev.flowexec.sdk.webhooks.WebhookVerifier}s check Standard Webhooks (and Svix),
 * Stripe-style and GitHub signatures, with several secrets for rotation, a timestamp tolerance in
 * both directions on an injectable clock, constant-time comparison and a bound on the body; each
 * failure is a {@link dev.flowexec.sdk.webhooks.WebhookVerificationException} with its {@link
 * dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason}. {@link
 * dev.flowexec.sdk.webhooks.WebhookLauncher} ties verification to an idempotent launch: the
 * execution id is derived from the delivery id, so a redelivery replays instead of starting a
 * second execution. {@link dev.flowexec.sdk.webhooks.WebhookSigner} signs bodies for tests.
 */
package dev.flowexec.sdk.webhooks;
