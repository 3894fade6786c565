package dev.flowexec.sdk.retrofit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Tells, before a request is written, whether a pooled connection was closed by the other side
 * while it sat idle (a proxy or load balancer's idle timeout, an HTTP/1.0-style server): the
 * transport's sockets are backed by {@link SocketChannel}s, so one non-blocking read answers at no
 * cost. End of stream, a reset, or bytes nobody asked for (a TLS close_notify, an unsolicited
 * {@code 408}) mean the connection is dead. OkHttp itself checks only connections idle for 10 s.
 *
 * <p>It also bounds the TLS handshake by the connect timeout: OkHttp sets only the read timeout on
 * a new socket before its handshake, and sets it again once the connection is ready. Not public
 * API.
 */
final class ConnectionProbe {
  /**
   * The probe's one-byte read target, per thread: a new buffer per reused connection cost 64 B a
   * launch.
   */
  private static final ThreadLocal<ByteBuffer> ONE_BYTE =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(1));

  private final int connectTimeoutMillis;

  /** The raw channel under each TLS socket this probe's factory made. */
  private final Map<Socket, SocketChannel> underTls =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Creates the probe.
   *
   * @param connectTimeoutMillis the connect timeout, which bounds the TLS handshake too; 0 for none
   */
  public ConnectionProbe(int connectTimeoutMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  /**
   * Returns the factory of plain sockets, channel-backed so that they can be probed.
   *
   * @return the factory
   */
  public SocketFactory socketFactory() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        return SocketChannel.open().socket();
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return connected(new java.net.InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
          throws IOException {
        return bound(localHost, localPort, new java.net.InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new java.net.InetSocketAddress(host, port));
      }

      @Override
      public Socket createSocket(
          InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        return bound(localAddress, localPort, new java.net.InetSocketAddress(address, port));
      }

      private Socket connected(java.net.InetSocketAddress remote) throws IOException {
        Socket socket = createSocket();
        socket.connect(remote, connectTimeoutMillis);
        return socket;
      }

      private Socket bound(InetAddress local, int localPort, java.net.InetSocketAddress remote)
          throws IOException {
        Socket socket = createSocket();
        socket.bind(new java.net.InetSocketAddress(local, localPort));
        socket.connect(remote, connectTimeoutMillis);
        return socket;
      }
    };
  }

  /**
   * Wraps a TLS socket factory: the handshake may wait at most the connect timeout, and the channel
   * under each TLS socket is remembered for {@link #closedByPeer(Socket)}.
   *
   * @param delegate the factory that makes the TLS sockets
   * @return the wrapping factory
   */
  public SSLSocketFactory sslSocketFactory(SSLSocketFactory delegate) {
    return new HandshakeBoundSslSocketFactory(delegate, this);
  }

  /** Called by the TLS factory as it layers TLS over a raw socket, before the handshake. */
  void layering(Socket raw) throws IOException {
    if (connectTimeoutMillis > 0) {
      raw.setSoTimeout(connectTimeoutMillis);
    }
  }

  void layered(Socket tls, Socket raw) {
    if (raw.getChannel() != null) {
      underTls.put(tls, raw.getChannel());
    }
  }

  /**
   * Tells whether the other side closed an idle connection. Call it only between exchanges of an
   * HTTP/1.x connection, when nobody reads from it.
   *
   * @param socket the connection's socket, plain or TLS
   * @return true when the connection is dead; false when it is alive or cannot be probed
   */
  public boolean closedByPeer(Socket socket) {
    SocketChannel channel =
        socket.getChannel() != null ? socket.getChannel() : underTls.get(socket);
    if (channel == null) {
      return false;
    }
    synchronized (channel.blockingLock()) {
      try {
        channel.configureBlocking(false);
        try {
          ByteBuffer oneByte = ONE_BYTE.get();
          oneByte.clear();
          return channel.read(oneByte) != 0;
        } finally {
          channel.configureBlocking(true);
        }
      } catch (IOException reset) {
        return true;
      }
    }
  }
}
