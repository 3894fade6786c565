package dev.flowexec.sdk.retrofit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Makes plain sockets whose reads, until the connection is set up, wait at most the connect
 * timeout. OkHttp bounds the TCP connect by its connect timeout but the TLS handshake (and a
 * proxy's {@code CONNECT}) only by the read timeout: it sets the read timeout on the new socket
 * before connecting, and sets it again once the connection is ready. This factory's sockets take
 * the first of those settings as the connect timeout, so a stalled handshake fails within the
 * connect timeout, as documented. Not public API.
 */
public final class ConnectPhaseSocketFactory extends SocketFactory {
  private final int connectTimeoutMillis;

  /**
   * Creates the factory.
   *
   * @param connectTimeoutMillis the connect timeout, positive
   */
  public ConnectPhaseSocketFactory(int connectTimeoutMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  @Override
  public Socket createSocket() {
    return new ConnectPhaseSocket(connectTimeoutMillis);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress... local) throws IOException {
    Socket socket = createSocket();
    if (local.length > 0) {
      socket.bind(local[0]);
    }
    socket.connect(remote, connectTimeoutMillis);
    return socket;
  }

  /** A socket whose first read timeout is capped at the connect timeout. */
  private static final class ConnectPhaseSocket extends Socket {
    private final int connectTimeoutMillis;
    private boolean connecting = true;

    ConnectPhaseSocket(int connectTimeoutMillis) {
      this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      if (connecting) {
        connecting = false;
        super.setSoTimeout(timeout == 0 ? connectTimeoutMillis : Math.min(timeout, connectTimeoutMillis));
      } else {
        super.setSoTimeout(timeout);
      }
    }
  }
}
