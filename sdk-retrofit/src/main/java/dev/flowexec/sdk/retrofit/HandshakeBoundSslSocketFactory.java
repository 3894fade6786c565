package dev.flowexec.sdk.retrofit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS socket factory that lets {@link ConnectionProbe} see each raw socket it layers TLS over.
 * Not public API.
 */
final class HandshakeBoundSslSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final ConnectionProbe probe;

  HandshakeBoundSslSocketFactory(SSLSocketFactory delegate, ConnectionProbe probe) {
    this.delegate = delegate;
    this.probe = probe;
  }

  @Override
  public Socket createSocket(Socket raw, String host, int port, boolean autoClose)
      throws IOException {
    probe.layering(raw); // the handshake's reads wait at most the connect timeout
    Socket tls = delegate.createSocket(raw, host, port, autoClose);
    probe.layered(tls, raw);
    return tls;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return delegate.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return delegate.createSocket(address, port, localAddress, localPort);
  }
}
