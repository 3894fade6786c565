package dev.flowexec.sdk.errors;

/**
 * No flow has the request's {@code flow_id}, or it has no version {@code flow_version}: {@code 404
 * flow_not_found}. Check the id and version in the flow designer. Not retried.
 */
public class FlowNotFoundException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   */
  public FlowNotFoundException(String message, int statusCode, String errorCode, String requestId) {
    super(message, statusCode, errorCode, requestId);
  }
}
