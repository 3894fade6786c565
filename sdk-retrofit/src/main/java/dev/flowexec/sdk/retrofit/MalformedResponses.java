package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.FlowApiException;

/**
 * Builds the error for a response body that breaks the contract: a plain {@link FlowApiException}
 * with {@link #ERROR_CODE}. Such a response was received, so it is not a transport failure, and
 * repeating the call would get the same body, so it is not retried. Not public API.
 */
final class MalformedResponses {
  /** The error code of a response body that breaks the contract. */
  public static final String ERROR_CODE = "malformed_response";

  /** The error code of a successful response whose body is over the transport's limit. */
  public static final String TOO_LARGE = "response_too_large";

  private MalformedResponses() {}

  /**
   * Returns the error for a body without a required field.
   *
   * @param what what was read, such as "the execution"
   * @param field the wire name of the missing field
   * @return the exception, with no status yet
   */
  public static FlowApiException missingField(String what, String field) {
    return of(what + " has no \"" + field + "\", which the contract requires");
  }

  /**
   * Returns the error for a body that could not be read as the expected JSON.
   *
   * @param detail what was wrong, for a person
   * @return the exception, with no status yet
   */
  public static FlowApiException of(String detail) {
    return of(detail, null);
  }

  /**
   * Returns the error for a body that could not be read as the expected JSON, keeping the parser's
   * failure as the cause.
   *
   * @param detail what was wrong, for a person
   * @param cause the parser's failure, or null
   * @return the exception, with no status yet
   */
  public static FlowApiException of(String detail, Throwable cause) {
    return new FlowApiException("malformed response: " + detail, 0, ERROR_CODE, null, cause);
  }

  /**
   * Returns the error again, with the status and request id of the response it came from.
   *
   * @param malformed the error the codec raised
   * @param statusCode the response's status
   * @param requestId the response's {@code X-Request-Id}, or null
   * @return the exception to throw
   */
  public static FlowApiException withResponse(
      FlowApiException malformed, int statusCode, String requestId) {
    String message =
        statusCode
            + " "
            + malformed.getMessage()
            + (requestId == null ? "" : " [request " + requestId + "]");
    return new FlowApiException(
        message, statusCode, malformed.errorCode(), requestId, malformed.getCause());
  }

  /**
   * Returns the error for a successful response whose body is over the limit.
   *
   * @param detail what the body did, from {@link ResponseTooLargeException}
   * @param limit the limit, in bytes
   * @param statusCode the response's status
   * @param requestId the response's {@code X-Request-Id}, or null
   * @param cause the failure while reading, or null
   * @return the exception to throw
   */
  public static FlowApiException tooLarge(
      String detail, long limit, int statusCode, String requestId, Throwable cause) {
    return new FlowApiException(
        statusCode
            + " "
            + TOO_LARGE
            + ": "
            + detail
            + "; the rest was not read and the "
            + "connection was closed. Raise maxResponseBytes if such executions are expected (limit "
            + limit
            + " bytes)"
            + (requestId == null ? "" : " [request " + requestId + "]"),
        statusCode,
        TOO_LARGE,
        requestId,
        cause);
  }
}
