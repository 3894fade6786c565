package dev.flowexec.sdk.errors;

/**
 * No usable response arrived: a connection refused, reset or timed out, or a response that could
 * not be read. {@link #requestMayHaveBeenSent()} tells whether this attempt's request may have left
 * this process; {@link #executionMayHaveStarted()} says the same for the whole call, earlier
 * attempts included. Retried: a launch keeps its idempotency key, so the retry returns the
 * execution the first attempt may have started instead of starting another.
 */
public class TransportException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The {@link #errorCode()} of every transport failure. */
  public static final String ERROR_CODE = "transport_error";

  /** False only when the request certainly never left. */
  private final boolean requestMayHaveBeenSent;

  /** The request failed on a reused connection before any response byte arrived. */
  private final boolean reusedConnectionLost;

  /**
   * Creates the failure of a request that certainly never left this process: the host name did not
   * resolve, the connection was refused, the attempt had no time left, or the transport was closed
   * before sending. {@link #requestMayHaveBeenSent()} is false. For transports of your own.
   *
   * @param message what failed, for a person; say that the request was not sent
   * @param cause the I/O failure, or null
   * @return the exception
   */
  public static TransportException notSent(String message, Throwable cause) {
    return new TransportException(message, false, false, cause);
  }

  /**
   * Creates the failure of a request that may have reached the service: the connection broke or
   * timed out after the request was handed to the network, or the response could not be read.
   * {@link #requestMayHaveBeenSent()} is true. For transports of your own.
   *
   * @param message what failed, for a person; say that the request may have been sent
   * @param cause the I/O failure, or null
   * @return the exception
   */
  public static TransportException maybeSent(String message, Throwable cause) {
    return new TransportException(message, true, false, cause);
  }

  private TransportException(
      String message,
      boolean requestMayHaveBeenSent,
      boolean reusedConnectionLost,
      Throwable cause) {
    super(message, 0, ERROR_CODE, null, null, cause, requestMayHaveBeenSent);
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
    this.reusedConnectionLost = reusedConnectionLost;
  }

  /**
   * Creates the failure of a request that went out on a reused (pooled) connection which was lost
   * before any byte of a response arrived: a proxy, load balancer or server closed the idle
   * connection just as it was reused. It may have been sent ({@link #requestMayHaveBeenSent()} is
   * true), and it says nothing about the service.
   *
   * @param message what failed, for a person
   * @param cause the I/O failure
   * @return the exception, whose {@link #reusedConnectionLost()} is true
   */
  public static TransportException lostReusedConnection(String message, Throwable cause) {
    return new TransportException(message, true, true, cause);
  }

  /**
   * Tells whether the request failed on a reused connection before any byte of a response arrived
   * (see {@link #lostReusedConnection}). The client then sends the request again at once on a fresh
   * connection ({@link dev.flowexec.sdk.transport.CallOptions#freshConnection()}), an attempt of
   * its own that listeners see but the retry policy does not count, so that this alone never fails
   * a call. A launch keeps its idempotency key, which makes the re-send safe.
   *
   * @return true when a reused connection was lost before any response byte
   */
  public boolean reusedConnectionLost() {
    return reusedConnectionLost;
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
