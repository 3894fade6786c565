package dev.flowexec.sdk.errors;

/**
 * No execution has this {@code flow_execution_id}: {@code 404 execution_not_found}. Executions are
 * kept for 7 days. Not retried.
 */
public class ExecutionNotFoundException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   */
  public ExecutionNotFoundException(
      String message, int statusCode, String errorCode, String requestId) {
    super(message, statusCode, errorCode, requestId);
  }
}
