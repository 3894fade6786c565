package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.transport.Operation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One exchange of {@link HttpClientTransport}, bounded in time and size, with failures that say
 * truthfully whether the request may have been sent. The JDK's request timeout ends at the
 * response's headers, so the wait for the whole body bounds it too. Pooled connections that a
 * proxy closes while idle need nothing here: the JDK watches its idle connections and drops those
 * the other side closed, so a request never goes out on one.
 */
final class JdkExchanges {
  private final HttpClient http; // its threads are daemon threads
  private final long maxResponseBytes;

  JdkExchanges(HttpClient http, long maxResponseBytes) {
    this.http = http;
    this.maxResponseBytes = maxResponseBytes;
  }

  HttpResponse<BoundedBody> send(Operation op, HttpRequest.Builder request, Instant deadline) {
    CompletableFuture<HttpResponse<BoundedBody>> sent =
        http.sendAsync(request.timeout(left(deadline)).build(), BoundedBody.handler(maxResponseBytes));
    try {
      HttpResponse<BoundedBody> response = sent.get(left(deadline).toMillis(), TimeUnit.MILLISECONDS);
      if (response.body().tooLarge()) {
        throw new FlowApiException(response.statusCode() + " " + FlowJsonCodec.RESPONSE_TOO_LARGE + ": the body went on past "
            + maxResponseBytes + " bytes; the rest was not read", response.statusCode(), FlowJsonCodec.RESPONSE_TOO_LARGE,
            response.headers().firstValue("X-Request-Id").orElse(null));
      }
      return response;
    } catch (ExecutionException failed) {
      throw failure(op, failed.getCause() instanceof IOException ? (IOException) failed.getCause() : new IOException(failed.getCause()));
    } catch (TimeoutException slow) {
      sent.cancel(true);
      throw new TransportException(op.description() + " timed out reading the response; the request may have been sent", true, slow);
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportException(op.description() + " was interrupted", true, e);
    }
  }

  private static TransportException failure(Operation op, IOException e) {
    boolean plainHttp = e instanceof SSLException && String.valueOf(e.getMessage()).matches("(?i).*(plaintext|unrecognized ssl message).*");
    boolean notSent = plainHttp || e instanceof ConnectException || e instanceof HttpConnectTimeoutException
        || e instanceof SSLHandshakeException;
    return new TransportException(op.description() + " failed: " + e
        + (plainHttp ? " (the server answered in plain HTTP where TLS was expected: fix the base URL's scheme or port)" : "")
        + (notSent ? "; the request was not sent" : "; the request may have been sent"), !notSent, e);
  }

  static Duration left(Instant deadline) {
    return Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
  }
}
