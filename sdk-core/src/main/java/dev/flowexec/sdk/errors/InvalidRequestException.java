package dev.flowexec.sdk.errors;

import java.util.List;

/**
 * The service refused the request body: {@code 400 invalid_request}. {@link #fieldErrors()} says
 * which fields broke which rule, as the service's {@code details} did. Not retried: the same body
 * fails the same way.
 */
public class InvalidRequestException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The service's details. */
  private final List<FieldError> fieldErrors;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, normally 400
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   * @param fieldErrors the service's {@code details}; may be empty
   */
  public InvalidRequestException(
      String message,
      int statusCode,
      String errorCode,
      String requestId,
      List<FieldError> fieldErrors) {
    super(message, statusCode, errorCode, requestId);
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  /**
   * Returns the broken rules, one per field, in the service's order.
   *
   * @return an immutable list; empty when the body gave no details
   */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
