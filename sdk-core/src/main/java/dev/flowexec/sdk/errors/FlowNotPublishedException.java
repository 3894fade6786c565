package dev.flowexec.sdk.errors;

/**
 * The flow exists but has no published version: {@code 409 flow_not_published}. Publish it, then
 * launch again. Not retried.
 */
public class FlowNotPublishedException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   */
  public FlowNotPublishedException(
      String message, int statusCode, String errorCode, String requestId) {
    super(message, statusCode, errorCode, requestId);
  }
}
