package dev.flowexec.sdk.retrofit;

import java.io.IOException;

/**
 * An I/O failure that happened before the request reached the network (resolving the host,
 * connecting, the TLS handshake): the request certainly never left. Its cause is the failure. Not
 * public API.
 */
final class NotSentException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps a failure.
   *
   * @param failure the failure while connecting
   */
  public NotSentException(IOException failure) {
    super(failure.toString(), failure);
  }

  /**
   * Returns the failure while connecting.
   *
   * @return the cause
   */
  public IOException failure() {
    return (IOException) getCause();
  }
}
