package dev.flowexec.sdk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * The base of every failure of a call to the Flow Executions API. Unchecked.
 *
 * <p>Each error of the contract has its own subclass; a status or {@code error_code} this SDK does
 * not know arrives as a plain {@code FlowApiException}, so catching this type catches everything.
 * Messages are written for a person and never contain a token or secret.
 */
public class FlowApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, or 0 when no response was received. */
  private final int statusCode;
  /** The contract's error code, or one derived from the status. */
  private final String errorCode;
  /** The service's request id, or null when unknown. */
  private final String requestId;
  /** The delay the service asked for, or null. */
  private final Duration retryAfter;

  /**
   * Creates an exception for a response this SDK has no more specific type for.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the contract's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   */
  public FlowApiException(String message, int statusCode, String errorCode, String requestId) {
    this(message, statusCode, errorCode, requestId, null, null);
  }

  /**
   * Creates an exception for a response this SDK has no more specific type for, keeping what caused
   * it, such as the parse error of a body that breaks the contract.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the contract's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   * @param cause the underlying failure, or null
   */
  public FlowApiException(
      String message, int statusCode, String errorCode, String requestId, Throwable cause) {
    this(message, statusCode, errorCode, requestId, null, cause);
  }

  /**
   * Creates an exception with every property.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the contract's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   * @param retryAfter how long the service asked to wait, or null
   * @param cause the underlying failure, or null
   */
  protected FlowApiException(
      String message,
      int statusCode,
      String errorCode,
      String requestId,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /**
   * Returns the HTTP status of the response.
   *
   * @return the status, or 0 when no response was received (I/O failure, deadline)
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the contract's {@code error_code}, such as {@code invalid_request}. When the body had
   * none (an HTML page from a proxy), a code derived from the status: {@code server_error},
   * {@code unavailable}, or {@code http_<status>}. The SDK's own failures use
   * {@code transport_error} and {@code deadline_exceeded}.
   *
   * @return the error code, never null
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * Returns the service's request id (body {@code request_id} or header {@code X-Request-Id}).
   * Quote it when you contact support.
   *
   * @return the request id, if the response carried one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Returns how long the service asked the client to wait before trying again ({@code Retry-After}
   * or {@code retry_after_seconds}).
   *
   * @return the delay, if the response gave one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
