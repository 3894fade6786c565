package dev.flowexec.sdk.errors;

import java.time.Duration;

/**
 * Server or gateway trouble: a 5xx status, whether the body was the contract's JSON ({@code
 * server_error}, {@code unavailable}), an HTML page from a proxy, or empty. Retried with backoff; a
 * launch keeps its idempotency key, so a retry never starts a second execution.
 */
public class ServerException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person, including what was received
   * @param statusCode the 5xx status
   * @param errorCode the body's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   * @param retryAfter the delay the service asked for, or null when it gave none
   */
  public ServerException(
      String message, int statusCode, String errorCode, String requestId, Duration retryAfter) {
    super(message, statusCode, errorCode, requestId, retryAfter, null);
  }
}
