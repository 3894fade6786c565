package dev.flowexec.sdk.retrofit.internal;

import dev.flowexec.sdk.errors.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns an I/O failure into a {@link TransportException} that says what failed and whether the
 * request may have been sent. Only failures that certainly happen before any request byte leaves
 * (DNS, refused or unreachable connection, connect timeout, TLS handshake, anything that
 * {@link WireRequests} saw fail before the network) say it was not sent. Not public API.
 */
public final class TransportFailures {
  private TransportFailures() {}

  /**
   * Maps an I/O failure.
   *
   * @param action what was being done, such as "launching an execution"
   * @param failure the failure
   * @param timeoutMillis the time the attempt had, for the message of a call timeout
   * @return the exception
   */
  public static TransportException of(String action, IOException failure, long timeoutMillis) {
    NotSentException notSent = notSent(failure);
    if (notSent != null) {
      return new TransportException(action + " failed while connecting: " + describeConnectFailure(
          notSent.failure(), isCallTimeout(failure), timeoutMillis) + "; the request was not sent", false, failure);
    }
    String detail = describe(failure);
    if (failure instanceof WireRequests.ReusedConnectionLostException) {
      return TransportException.lostReusedConnection(action + " failed: " + failure.getMessage()
          + "; the request may have been sent, and is sent again on a fresh connection", failure);
    }
    if (failure instanceof InterruptedIOException && failure.getCause() instanceof RejectedExecutionException) {
      // OkHttp's dispatcher refused to start a queued call: the transport was closed first.
      return new TransportException(action + " was stopped because the transport was closed before"
          + " the request was sent", false, failure);
    }
    if (isCallTimeout(failure)) {
      return new TransportException(action + " timed out after " + timeoutMillis
          + " ms, the time this attempt had; the request may have been sent", true, failure);
    }
    if (failure instanceof SocketTimeoutException) {
      String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("connect")) {
        return new TransportException(action + " failed: could not connect within the connect timeout ("
            + detail + "); the request was not sent", false, failure);
      }
      return new TransportException(action + " failed: the server sent nothing within the read timeout ("
          + detail + "); the request may have been sent", true, failure);
    }
    if (failure instanceof UnknownHostException) {
      return new TransportException(action + " failed: the host name could not be resolved ("
          + detail + "); the request was not sent. Check the base URL and DNS", false, failure);
    }
    if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
      return new TransportException(action + " failed: could not connect (" + detail
          + "); the request was not sent", false, failure);
    }
    if (failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException) {
      return new TransportException(action + " failed: the TLS handshake failed (" + detail
          + "); the request was not sent", false, failure);
    }
    return new TransportException(action + " failed (" + detail + "); the request may have been sent",
        true, failure);
  }

  /**
   * Returns the failure of an attempt whose time ran out before a step could start.
   *
   * @param action what was about to be done
   * @param timeoutMillis the time the attempt had
   * @param requestMayHaveBeenSent whether an earlier step of the attempt may have sent it
   * @return the exception
   */
  public static TransportException outOfTime(String action, long timeoutMillis, boolean requestMayHaveBeenSent) {
    return new TransportException(action + " timed out after " + timeoutMillis
        + " ms, the time this attempt had, before the request could be sent", requestMayHaveBeenSent, null);
  }

  private static String describeConnectFailure(IOException failure, boolean callTimeout, long timeoutMillis) {
    String detail = describe(failure);
    if (callTimeout) {
      return "it timed out after " + timeoutMillis + " ms, the time this attempt had (" + detail + ")";
    }
    if (failure instanceof SocketTimeoutException) {
      return "no connection (TCP, then TLS) within the connect timeout (" + detail + ")";
    }
    if (failure instanceof UnknownHostException) {
      return "the host name could not be resolved (" + detail + "). Check the base URL and DNS";
    }
    if (failure instanceof SSLException && !(failure instanceof SSLHandshakeException)
        && String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).matches(".*(plaintext|unrecognized ssl message).*")) {
      return "the server answered in plain HTTP where TLS was expected: the base URL says https "
          + "but that port speaks http; fix the scheme or the port (" + detail + ")";
    }
    if (failure instanceof SSLException) {
      return "the TLS handshake failed (" + detail + ")";
    }
    return detail;
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
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
