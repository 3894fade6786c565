package dev.flowexec.sdk.errors;

/**
 * The call's deadline passed, retries and token fetch included. The last failure, if any, is the
 * cause, and the attempts before it are {@link #earlierAttempts()}. For a launch, {@link
 * #executionMayHaveStarted()} tells whether an attempt may have reached the service (one was in
 * flight when time ran out, or an earlier one may have been acted on): then look the execution up
 * with the request's {@code flow_execution_id}, or launch the same request again, which is safe.
 */
public class DeadlineExceededException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The {@link #errorCode()} of every deadline failure. */
  public static final String ERROR_CODE = "deadline_exceeded";

  /**
   * Creates the exception; it says an execution may have started unless {@code cause} is a {@link
   * FlowApiException} that says none did.
   *
   * @param message what ran out of time, for a person
   * @param cause the last failure before the deadline, or null
   */
  public DeadlineExceededException(String message, Throwable cause) {
    this(
        message,
        cause,
        !(cause instanceof FlowApiException)
            || ((FlowApiException) cause).executionMayHaveStarted());
  }

  /**
   * Creates the exception.
   *
   * @param message what ran out of time, for a person
   * @param cause the last failure before the deadline, or null
   * @param executionMayHaveStarted whether any attempt may have reached the service, including one
   *     still in flight when the deadline passed
   */
  public DeadlineExceededException(
      String message, Throwable cause, boolean executionMayHaveStarted) {
    super(message, 0, ERROR_CODE, null, null, cause, executionMayHaveStarted);
  }
}
