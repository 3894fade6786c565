package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.NetworkFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns an OkHttp failure into a {@link TransportException}: what only OkHttp can tell (its call
 * timeout, a queued call the closed dispatcher refused, a failure {@link WireRequests} saw before
 * the network or on a lost reused connection) here, the rest by sdk-core's {@link NetworkFailures},
 * as every transport classifies {@code java.net} failures.
 */
final class TransportFailures {
  private TransportFailures() {}

  /**
   * Maps an I/O failure.
   *
   * @param action what was being done, such as "launching an execution"
   * @param failure the failure
   * @param timeoutMillis the time the attempt had, for the message of a call timeout
   * @return the exception
   */
  static TransportException of(String action, IOException failure, long timeoutMillis) {
    NotSentException notSent = notSent(failure);
    if (notSent != null) {
      if (isCallTimeout(failure)) {
        return TransportException.notSent(
            action
                + " failed while connecting: it timed out after "
                + timeoutMillis
                + " ms, the time this attempt had ("
                + describe(notSent.failure())
                + "); the request was not sent",
            failure);
      }
      return NetworkFailures.whileConnecting(action, notSent.failure(), failure);
    }
    if (failure instanceof WireRequests.ReusedConnectionLostException) {
      return TransportException.lostReusedConnection(
          action
              + " failed: "
              + failure.getMessage()
              + "; the request may have been sent, and is sent again on a fresh connection",
          failure);
    }
    if (failure instanceof InterruptedIOException
        && failure.getCause() instanceof RejectedExecutionException) {
      // OkHttp's dispatcher refused to start a queued call: the transport was closed first.
      return TransportException.notSent(
          action + " was stopped because the transport was closed before" + " the request was sent",
          failure);
    }
    if (isCallTimeout(failure)) {
      return TransportException.maybeSent(
          action
              + " timed out after "
              + timeoutMillis
              + " ms, the time this attempt had; the request may have been sent",
          failure);
    }
    return NetworkFailures.of(action, failure);
  }

  /**
   * Returns the failure of an attempt whose time ran out before a step could start.
   *
   * @param action what was about to be done
   * @param timeoutMillis the time the attempt had
   * @return the exception, which says the request was not sent
   */
  static TransportException outOfTime(String action, long timeoutMillis) {
    return TransportException.notSent(
        action
            + " timed out after "
            + timeoutMillis
            + " ms, the time this attempt had, before the request could be sent",
        null);
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }

  private static NotSentException notSent(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NotSentException) {
        return (NotSentException) cause;
      }
    }
    return null;
  }

  /** OkHttp's call timeout: an {@link InterruptedIOException} with the message "timeout". */
  private static boolean isCallTimeout(IOException failure) {
    return failure instanceof InterruptedIOException
        && !(failure instanceof SocketTimeoutException)
        && "timeout".equals(failure.getMessage());
  }
}
