package dev.flowexec.sdk.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.errors.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class NetworkFailuresTest {
  private static TransportException map(IOException failure) {
    return NetworkFailures.of("launching an execution", failure);
  }

  @Test
  void failuresBeforeAnyByteLeftAreNotSent() {
    assertThat(map(new UnknownHostException("flows.example.com")).requestMayHaveBeenSent())
        .isFalse();
    assertThat(map(new ConnectException("Failed to connect")).requestMayHaveBeenSent()).isFalse();
    assertThat(map(new SocketTimeoutException("Connect timed out")).requestMayHaveBeenSent())
        .isFalse();
    assertThat(map(new SSLHandshakeException("bad certificate")).requestMayHaveBeenSent())
        .isFalse();
  }

  @Test
  void failuresAfterConnectingMayHaveBeenSent() {
    assertThat(map(new SocketTimeoutException("Read timed out")).requestMayHaveBeenSent()).isTrue();
    assertThat(map(new IOException("unexpected end of stream")).requestMayHaveBeenSent()).isTrue();
    assertThat(map(new IOException("Connection reset")).getMessage())
        .contains("launching an execution failed")
        .contains("Connection reset")
        .contains("may have been sent");
  }

  @Test
  void plainHttpWhereTlsWasExpectedIsNamedEvenWhenWrapped() {
    SSLException plaintext = new SSLException("Unrecognized SSL message, plaintext connection?");
    IOException wrapped = new IOException("HTTP/1.1 header parser received no bytes", plaintext);

    for (IOException failure : new IOException[] {plaintext, wrapped}) {
      TransportException e = map(failure);
      assertThat(e.requestMayHaveBeenSent()).isFalse();
      assertThat(e.getMessage()).contains("plain HTTP where TLS was expected").contains("not sent");
    }
    assertThat(
            NetworkFailures.isPlainHttpOverTls(
                new SSLException("Unsupported or unrecognized SSL message")))
        .isTrue();
    assertThat(NetworkFailures.isPlainHttpOverTls(new SSLHandshakeException("bad certificate")))
        .isFalse();
  }

  @Test
  void aFailureWhileConnectingSaysWhatAndThatNothingWasSent() {
    TransportException e =
        NetworkFailures.whileConnecting(
            "launching an execution", new SocketTimeoutException("Read timed out"), null);

    assertThat(e.requestMayHaveBeenSent()).isFalse();
    assertThat(e.getMessage())
        .contains("failed while connecting")
        .contains("within the connect timeout")
        .endsWith("the request was not sent");
  }
}
