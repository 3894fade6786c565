package dev.flowexec.sdk.errors;

/**
 * The call was stopped because its {@link dev.flowexec.sdk.FlowExecutionsClient} was closed: while
 * it waited to retry, while an attempt was in flight, while it waited between polls, or before it
 * started. The last attempt's failure, if any, is the cause. Not retried: build a new client.
 *
 * <p>{@link #executionMayHaveStarted()} is true only when a request of the call was handed to the
 * transport (one was in flight at close, or an earlier attempt may have been acted on). A call that
 * was waiting to retry after refusals, or that never sent, says false.
 */
public class ClientClosedException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The {@link #errorCode()} of every call stopped by {@code close()}. */
  public static final String ERROR_CODE = "client_closed";

  private ClientClosedException(String message, Throwable cause, boolean executionMayHaveStarted) {
    super(message, 0, ERROR_CODE, null, null, cause, executionMayHaveStarted);
  }

  /**
   * Creates the failure of a call stopped by {@code close()} after one of its requests was handed
   * to the transport: it was in flight, or an earlier attempt may have been acted on. {@link
   * #executionMayHaveStarted()} is true.
   *
   * @param message what was stopped, for a person
   * @param cause the last attempt's failure, or null
   * @return the exception
   */
  public static ClientClosedException maybeStarted(String message, Throwable cause) {
    return new ClientClosedException(message, cause, true);
  }

  /**
   * Creates the failure of a call stopped by {@code close()} before any of its requests could have
   * reached the service: it never sent, or every attempt was refused. {@link
   * #executionMayHaveStarted()} is false.
   *
   * @param message what was stopped, for a person
   * @param cause the last attempt's failure, or null
   * @return the exception
   */
  public static ClientClosedException notStarted(String message, Throwable cause) {
    return new ClientClosedException(message, cause, false);
  }
}
