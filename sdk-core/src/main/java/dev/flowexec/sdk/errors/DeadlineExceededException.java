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

  private DeadlineExceededException(
      String message, Throwable cause, boolean executionMayHaveStarted) {
    super(message, 0, ERROR_CODE, null, null, cause, executionMayHaveStarted);
  }

  /**
   * Creates the failure of a call that ran out of time while one of its attempts may have reached
   * the service (one was in flight, or an earlier one may have been acted on), or while waiting for
   * an execution that exists. {@link #executionMayHaveStarted()} is true.
   *
   * @param message what ran out of time, for a person
   * @param cause the last failure before the deadline, or null
   * @return the exception
   */
  public static DeadlineExceededException maybeStarted(String message, Throwable cause) {
    return new DeadlineExceededException(message, cause, true);
  }

  /**
   * Creates the failure of a call that ran out of time before any of its attempts could have
   * reached the service: every request was refused, or none was sent. {@link
   * #executionMayHaveStarted()} is false.
   *
   * @param message what ran out of time, for a person
   * @param cause the last failure before the deadline, or null
   * @return the exception
   */
  public static DeadlineExceededException notStarted(String message, Throwable cause) {
    return new DeadlineExceededException(message, cause, false);
  }
}
