package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.errors.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TransportFailuresTest {
  private static TransportException map(IOException failure) {
    return TransportFailures.of("launching an execution", failure, 1500);
  }

  @Test
  void callTimeoutSaysHowLong() {
    TransportException e = map(new InterruptedIOException("timeout"));

    assertThat(e.getMessage()).contains("timed out after 1500 ms");
    assertThat(e.requestMayHaveBeenSent()).isTrue();
    assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class);
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
  void aQueuedCallThatTheClosedDispatcherRefusedWasNotSent() {
    InterruptedIOException rejected = new InterruptedIOException("executor rejected");
    rejected.initCause(new java.util.concurrent.RejectedExecutionException("shut down"));

    TransportException e = map(rejected);

    assertThat(e.requestMayHaveBeenSent()).isFalse();
    assertThat(e.executionMayHaveStarted()).isFalse();
    assertThat(e.getMessage()).contains("the transport was closed before the request was sent");
  }
}
