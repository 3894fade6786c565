package dev.flowexec.sdk.errors;

/**
 * The {@code flow_execution_id} (the idempotency key) clashes with an earlier launch.
 *
 * <ul>
 *   <li>{@code 409 request_in_progress}: the same id is being launched by a request still in
 *       flight. Retried: the first launch finishes and a retry then gets its execution back.
 *   <li>{@code 422 idempotency_key_reused}: the id was launched before with a different body. Not
 *       retried: give each intended execution its own id.
 * </ul>
 */
public class IdempotencyConflictException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The {@code error_code} of a launch still in flight. */
  public static final String REQUEST_IN_PROGRESS = "request_in_progress";

  /** The {@code error_code} of an id reused with a different body. */
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode 409 or 422
   * @param errorCode {@link #REQUEST_IN_PROGRESS} or {@link #IDEMPOTENCY_KEY_REUSED}
   * @param requestId the service's request id, or null when unknown
   */
  public IdempotencyConflictException(
      String message, int statusCode, String errorCode, String requestId) {
    super(message, statusCode, errorCode, requestId);
  }

  /**
   * Tells whether the conflict is a launch still in flight, which is worth retrying.
   *
   * @return true for {@code request_in_progress}
   */
  public boolean isInProgress() {
    return REQUEST_IN_PROGRESS.equals(errorCode());
  }
}
