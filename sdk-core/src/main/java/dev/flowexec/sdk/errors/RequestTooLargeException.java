package dev.flowexec.sdk.errors;

/**
 * The request body is over 1 MiB: {@code 413 request_too_large}. Pass large inputs by reference.
 * Not retried.
 */
public class RequestTooLargeException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   */
  public RequestTooLargeException(
      String message, int statusCode, String errorCode, String requestId) {
    super(message, statusCode, errorCode, requestId);
  }
}
