package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.errors.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns a {@code java.net} or {@code javax.net.ssl} failure into a {@link TransportException} that
 * says what failed and, truthfully, whether the request may have been sent: only failures that
 * certainly happen before any request byte leaves (DNS, a refused or unreachable connection, a
 * connect timeout, the TLS handshake, {@code https} to a port that speaks plain HTTP) say it was
 * not. Every transport classifies the same way; a transport adds what only its HTTP client can tell
 * (its own call timeout, a failure it knows happened while connecting).
 *
 * <pre>{@code
 * } catch (IOException failure) {
 *   throw NetworkFailures.of("launching an execution", failure);
 * }
 * }</pre>
 */
public final class NetworkFailures {
  private NetworkFailures() {}

  /**
   * Classifies a failure by its type.
   *
   * @param action what was being done, such as "launching an execution"
   * @param failure the failure
   * @return the exception, with the failure as its cause
   */
  public static TransportException of(String action, IOException failure) {
    String detail = describe(failure);
    if (isPlainHttpOverTls(failure)) {
      return notSent(action + " failed: " + plainHttp(detail), failure);
    }
    if (failure instanceof SocketTimeoutException) {
      if (String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
        return notSent(
            action + " failed: could not connect within the connect timeout (" + detail + ")",
            failure);
      }
      return TransportException.maybeSent(
          action
              + " failed: the server sent nothing within the read timeout ("
              + detail
              + "); the request may have been sent",
          failure);
    }
    if (failure instanceof UnknownHostException) {
      return TransportException.notSent(
          action
              + " failed: the host name could not be resolved ("
              + detail
              + "); the request was not sent. Check the base URL and DNS",
          failure);
    }
    if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
      return notSent(action + " failed: could not connect (" + detail + ")", failure);
    }
    if (failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException) {
      return notSent(action + " failed: the TLS handshake failed (" + detail + ")", failure);
    }
    return TransportException.maybeSent(
        action + " failed (" + detail + "); the request may have been sent", failure);
  }

  /**
   * Describes a failure that the transport knows happened while connecting (resolving the host, the
   * TCP connect, the TLS handshake): the request was not sent.
   *
   * @param action what was being done
   * @param failure the failure while connecting
   * @param cause the exception to keep as the cause, often {@code failure} itself
   * @return the exception, saying the request was not sent
   */
  public static TransportException whileConnecting(
      String action, IOException failure, Throwable cause) {
    return notSent(action + " failed while connecting: " + connectFailure(failure), cause);
  }

  /**
   * Tells whether a TLS client met a server that answered in plain HTTP: the base URL says {@code
   * https} but the port speaks {@code http}. Looks at every cause, since HTTP clients wrap TLS
   * failures in exceptions of their own.
   *
   * @param failure the failure
   * @return true when a TLS record could not be read because plain text came instead
   */
  public static boolean isPlainHttpOverTls(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException
          && !(cause instanceof SSLHandshakeException)
          && String.valueOf(cause.getMessage())
              .toLowerCase(Locale.ROOT)
              .matches(".*(plaintext|unrecognized ssl message).*")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String connectFailure(IOException failure) {
    String detail = describe(failure);
    if (isPlainHttpOverTls(failure)) {
      return plainHttp(detail);
    }
    if (failure instanceof SocketTimeoutException) {
      return "no connection (TCP, then TLS) within the connect timeout (" + detail + ")";
    }
    if (failure instanceof UnknownHostException) {
      return "the host name could not be resolved (" + detail + "). Check the base URL and DNS";
    }
    if (failure instanceof SSLException) {
      return "the TLS handshake failed (" + detail + ")";
    }
    return detail;
  }

  private static String plainHttp(String detail) {
    return "the server answered in plain HTTP where TLS was expected: the base URL says https but"
        + " that port speaks http; fix the scheme or the port ("
        + detail
        + ")";
  }

  private static TransportException notSent(String message, Throwable cause) {
    return TransportException.notSent(message + "; the request was not sent", cause);
  }

  /** {@code Type: message}, for messages. */
  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }
}
