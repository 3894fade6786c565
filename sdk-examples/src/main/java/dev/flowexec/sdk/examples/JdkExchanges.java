package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.transport.ErrorResponse;
import dev.flowexec.sdk.transport.NetworkFailures;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.WireLog;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * One exchange of {@link HttpClientTransport}, bounded in time and size, logged to sdk-core's
 * {@link WireLog}, with failures that say truthfully whether the request may have been sent. The
 * JDK's request timeout ends at the response's headers, so the wait for the whole body bounds it
 * too; its connect timeout covers the TCP connect and the TLS handshake. The JDK watches its idle
 * pooled connections and drops those the other side closed; one closed just as a request goes out
 * on it is {@link TransportException#lostReusedConnection}, which the client re-sends on a fresh
 * connection.
 */
final class JdkExchanges {
  private static final WireLog WIRE =
      WireLog.create(UnaryOperator.identity()); // tokens: redacted by header name

  private final Duration connectTimeout;
  private final HttpClient http; // its threads are daemon threads
  private final long maxResponseBytes;

  /**
   * A response arrived: the client may now hold pooled connections, which a middlebox may close.
   */
  private volatile boolean pooled;

  JdkExchanges(Duration connectTimeout, long maxResponseBytes) {
    if (connectTimeout.isNegative() || connectTimeout.isZero() || maxResponseBytes < 1) {
      throw new IllegalArgumentException(
          "connectTimeout is "
              + connectTimeout
              + " and maxResponseBytes is "
              + maxResponseBytes
              + ": both must be positive, such as "
              + HttpClientTransport.DEFAULT_CONNECT_TIMEOUT
              + " and "
              + HttpClientTransport.DEFAULT_MAX_RESPONSE_BYTES);
    }
    this.connectTimeout = connectTimeout;
    this.maxResponseBytes = maxResponseBytes;
    this.http = newClient();
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  long maxResponseBytes() {
    return maxResponseBytes;
  }

  private HttpClient newClient() {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }

  /**
   * Sends {@code body} (a JSON POST; a GET when null) on the shared client, or with {@code fresh}
   * on a client of its own, closed after: the JDK offers no other way to keep a request off its
   * pool.
   */
  HttpResponse<BoundedBody> send(
      Operation op, HttpRequest.Builder request, byte[] body, Instant deadline, boolean fresh) {
    if (body != null) {
      request.POST(BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
    }
    HttpRequest built = request.timeout(left(deadline)).build();
    WireLog.Exchange logged =
        !WIRE.isEnabled()
            ? null
            : WIRE.request(
                built.method(),
                built.uri(),
                built.headers().map(),
                body == null ? null : new String(body, StandardCharsets.UTF_8),
                false);
    HttpClient client = fresh ? newClient() : http;
    try {
      HttpResponse<BoundedBody> response = send(client, op, built, deadline);
      if (logged != null) {
        logged.response(
            response.statusCode(),
            response.headers().map(),
            new String(response.body().bytes(), StandardCharsets.UTF_8));
      }
      return response;
    } catch (RuntimeException failure) {
      if (logged != null) {
        logged.failed(failure.getCause() != null ? failure.getCause() : failure);
      }
      throw failure;
    } finally {
      if (fresh
          && client
              instanceof
              AutoCloseable) { // JDK 21+; before, its daemon thread ends once unreachable
        try {
          ((AutoCloseable) client).close();
        } catch (Exception ignored) {
          // closing a client we made for one request
        }
      }
    }
  }

  private HttpResponse<BoundedBody> send(
      HttpClient client, Operation op, HttpRequest request, Instant deadline) {
    CompletableFuture<HttpResponse<BoundedBody>> sent =
        client.sendAsync(request, BoundedBody.handler(maxResponseBytes));
    try {
      HttpResponse<BoundedBody> response =
          sent.get(left(deadline).toMillis(), TimeUnit.MILLISECONDS);
      pooled = true;
      if (response.body().tooLarge()) {
        throw new FlowApiException(
            response.statusCode()
                + " "
                + FlowJsonCodec.RESPONSE_TOO_LARGE
                + ": the body went on past "
                + maxResponseBytes
                + " bytes; the rest was not read",
            response.statusCode(),
            FlowJsonCodec.RESPONSE_TOO_LARGE,
            response.headers().firstValue("X-Request-Id").orElse(null));
      }
      return response;
    } catch (ExecutionException failed) {
      throw failure(
          op,
          failed.getCause() instanceof IOException
              ? (IOException) failed.getCause()
              : new IOException(failed.getCause()));
    } catch (TimeoutException slow) {
      sent.cancel(true);
      throw TransportException.maybeSent(
          op.description() + " timed out reading the response; the request may have been sent",
          slow);
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw TransportException.maybeSent(op.description() + " was interrupted", e);
    }
  }

  private TransportException failure(Operation op, IOException e) {
    // The JDK says whether any response byte arrived, not whether the connection was pooled (it
    // re-sends only idempotent requests itself): once connections may be pooled, "no bytes" is
    // taken as a lost pooled connection, and the client re-sends on a fresh one, as an attempt.
    if (pooled
        && String.valueOf(e.getMessage()).contains("received no bytes")
        && !NetworkFailures.isPlainHttpOverTls(e)) {
      return TransportException.lostReusedConnection(
          op.description()
              + " failed: "
              + e
              + " (the pooled connection "
              + "was lost before any byte of the response arrived); the request may have been sent",
          e);
    }
    if (e
        instanceof
        HttpConnectTimeoutException) { // the JDK's connect timeout covers the TLS handshake too
      return TransportException.notSent(
          op.description()
              + " failed: "
              + e
              + " (no connection, TCP then TLS, within the "
              + "connect timeout of "
              + connectTimeout.toMillis()
              + " ms); the request was not sent",
          e);
    }
    return NetworkFailures.of(
        op.description(), e); // as every transport classifies java.net failures
  }

  /**
   * A failed response as {@link dev.flowexec.sdk.transport.ErrorMapper} reads it (the demo maps raw
   * requests with it too).
   */
  static ErrorResponse errorResponse(
      Operation op, int status, HttpHeaders headers, byte[] body, boolean cut) {
    var error =
        ErrorResponse.builder()
            .operation(op)
            .statusCode(status)
            .contentType(headers.firstValue("Content-Type").orElse(null))
            .bodyBytes(headers.firstValueAsLong("Content-Length").orElse(body.length))
            .body(cut ? null : FlowJsonCodec.readErrorBody(body).orElse(null));
    headers.map().forEach((name, values) -> error.putHeaders(name, String.join(", ", values)));
    return error.build();
  }

  static Duration left(Instant deadline) {
    return Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
  }
}
