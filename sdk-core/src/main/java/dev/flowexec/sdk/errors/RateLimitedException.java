package dev.flowexec.sdk.errors;

import java.time.Duration;

/**
 * Too many requests: {@code 429 rate_limited}. {@link #retryAfter()} carries the service's {@code
 * Retry-After}. Retried after that delay, capped by the retry policy.
 */
public class RateLimitedException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode 429
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   * @param retryAfter the delay the service asked for, or null when it gave none
   */
  public RateLimitedException(
      String message, int statusCode, String errorCode, String requestId, Duration retryAfter) {
    super(message, statusCode, errorCode, requestId, retryAfter, null);
  }
}
