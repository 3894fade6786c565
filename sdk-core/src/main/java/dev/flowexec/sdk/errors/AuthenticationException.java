package dev.flowexec.sdk.errors;

/**
 * The credentials were refused: {@code 401 missing_token} or {@code invalid_token} from the API, or
 * an error of the token endpoint ({@code invalid_client}, {@code invalid_scope}, ...). A transport
 * refreshes an expired token once by itself; seeing this exception means the refresh did not help.
 * Not retried.
 */
public class AuthenticationException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   */
  public AuthenticationException(
      String message, int statusCode, String errorCode, String requestId) {
    super(message, statusCode, errorCode, requestId);
  }
}
