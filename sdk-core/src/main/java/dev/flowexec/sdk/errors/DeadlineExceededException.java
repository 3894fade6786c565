package dev.flowexec.sdk.errors;

/**
 * The call's deadline passed, retries and token fetch included. The last failure, if any, is the
 * cause. For a launch, the execution may still have started: look it up with the request's
 * {@code flow_execution_id}, or launch the same request again, which is safe.
 */
public class DeadlineExceededException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The {@link #errorCode()} of every deadline failure. */
  public static final String ERROR_CODE = "deadline_exceeded";

  /**
   * Creates the exception.
   *
   * @param message what ran out of time, for a person
   * @param cause the last failure before the deadline, or null
   */
  public DeadlineExceededException(String message, Throwable cause) {
    super(message, 0, ERROR_CODE, null, null, cause);
  }
}
