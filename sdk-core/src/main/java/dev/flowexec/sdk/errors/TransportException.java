package dev.flowexec.sdk.errors;

/**
 * No usable response arrived: a connection refused, reset or timed out, or a response that could
 * not be read. {@link #requestMayHaveBeenSent()} tells whether this attempt's request may have
 * left this process; {@link #executionMayHaveStarted()} says the same for the whole call, earlier
 * attempts included.
 * Retried: a launch keeps its idempotency key, so the retry returns the execution the first attempt
 * may have started instead of starting another.
 */
public class TransportException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The {@link #errorCode()} of every transport failure. */
  public static final String ERROR_CODE = "transport_error";

  /** False only when the request certainly never left. */
  private final boolean requestMayHaveBeenSent;

  /**
   * Creates the exception.
   *
   * @param message what failed, for a person
   * @param requestMayHaveBeenSent false only when the request certainly never left (connection
   *     refused, DNS failure)
   * @param cause the I/O failure
   */
  public TransportException(String message, boolean requestMayHaveBeenSent, Throwable cause) {
    super(message, 0, ERROR_CODE, null, null, cause, requestMayHaveBeenSent);
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
  }

  /**
   * Tells whether the service may have received this attempt's request, and so may have acted on
   * it. For the whole call, earlier attempts included, read {@link #executionMayHaveStarted()}.
   *
   * @return false only when the request certainly never left this process
   */
  public boolean requestMayHaveBeenSent() {
    return requestMayHaveBeenSent;
  }
}
