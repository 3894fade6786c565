package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.ErrorMapper;
import dev.flowexec.sdk.transport.ErrorResponse;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.Operation;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A {@link FlowTransport} on {@code java.net.http.HttpClient}: one call, one exchange (one more if a
 * token is refused, or if a pooled connection turns out closed before any response byte). Bodies
 * are bounded: an error body is cut at 64 KiB, a success body over {@code maxResponseBytes} fails
 * with {@link FlowJsonCodec#RESPONSE_TOO_LARGE}; either way the rest is not read.
 */
public final class HttpClientTransport implements FlowTransport {
  /** As RetrofitTransport's default: 8 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final HttpClient http;
  private final URI executions;
  private final AccessTokenProvider tokens;
  private final long maxResponseBytes;
  /** A connection can come from the pool only after an exchange completed on it. */
  private final AtomicLong completedExchanges = new AtomicLong();

  /** Sends to {@code {baseUrl}/api/v2/flows/executions} with bearer tokens from {@code tokens}. */
  public HttpClientTransport(URI baseUrl, AccessTokenProvider tokens) {
    this(baseUrl, tokens, DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** As {@link #HttpClientTransport(URI, AccessTokenProvider)}, reading at most {@code maxResponseBytes} of a success. */
  public HttpClientTransport(URI baseUrl, AccessTokenProvider tokens, long maxResponseBytes) {
    if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      // Never echo them: they may hold a password or a token.
      throw new IllegalArgumentException("baseUrl " + baseUrl.getScheme() + "://" + baseUrl.getHost()
          + " has a user name, query or fragment (not shown): use only scheme, host, port and path");
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(); // daemon threads
    this.executions = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/api/v2/flows/executions");
    this.tokens = tokens;
    this.maxResponseBytes = maxResponseBytes;
  }

  @Override
  public FlowExecution launch(LaunchRequest request, CallOptions options) {
    byte[] body = FlowJsonCodec.writeLaunchRequest(request);
    return send(Operation.LAUNCH, options, executions, b -> b.POST(BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "\"" + request.flowExecutionId() + "\"")); // an RFC 8941 string
  }

  @Override
  public FlowExecution get(String id, CallOptions options) {
    return send(Operation.GET, options, URI.create(executions + "/" + id), HttpRequest.Builder::GET);
  }

  private FlowExecution send(Operation op, CallOptions options, URI uri, UnaryOperator<HttpRequest.Builder> method) {
    Instant byTimeout = Instant.now().plus(options.timeout().orElse(Duration.ofSeconds(30)));
    Instant deadline = options.deadline().filter(byTimeout::isAfter).orElse(byTimeout);
    AccessToken token = tokens.token(left(deadline));
    for (boolean renewed = false; ; renewed = true) {
      Scopes.check(op, token); // fails fast, before any HTTP call, when the token's scopes are known
      HttpRequest.Builder request = method.apply(HttpRequest.newBuilder(uri))
          .header("Authorization", "Bearer " + token.value()).header("User-Agent", "flowexec-examples/0.1");
      options.headers().forEach(request::header);
      HttpResponse<Body> response = exchange(op, request, deadline);
      if (response.body().tooLarge) {
        throw new FlowApiException(response.statusCode() + " " + FlowJsonCodec.RESPONSE_TOO_LARGE + ": the body went on past "
            + maxResponseBytes + " bytes; the rest was not read", response.statusCode(), FlowJsonCodec.RESPONSE_TOO_LARGE,
            response.headers().firstValue("X-Request-Id").orElse(null));
      }
      if (response.statusCode() == 200 || response.statusCode() == 201) {
        return FlowJsonCodec.readExecution(response.body().bytes);
      }
      FlowApiException failure = ErrorMapper.map(errorResponse(op, response.statusCode(), response.headers(), response.body().bytes));
      if (renewed || !"invalid_token".equals(failure.errorCode())) {
        throw failure;
      }
      tokens.invalidate(token); // refused: send once more if the provider now has another token
      AccessToken fresh = tokens.token(left(deadline));
      if (fresh.value().equals(token.value())) {
        throw failure;
      }
      token = fresh;
    }
  }

  /**
   * Sends once, and once more when a connection that may have come from the pool was closed before
   * any response byte (an idle-closing proxy): the JDK does the same for GET, and the same
   * idempotency key makes it safe for a launch.
   */
  private HttpResponse<Body> exchange(Operation op, HttpRequest.Builder request, Instant deadline) {
    for (boolean resent = false; ; resent = true) {
      boolean mayBePooled = completedExchanges.get() > 0;
      // The request timeout ends at the response's headers; the wait on the future bounds the body too.
      CompletableFuture<HttpResponse<Body>> sent = http.sendAsync(request.timeout(left(deadline)).build(), info -> new Body(
          info.statusCode() / 100 == 2 ? maxResponseBytes : ERROR_BODY_LIMIT, info.statusCode() / 100 != 2));
      try {
        HttpResponse<Body> response = sent.get(left(deadline).toMillis(), TimeUnit.MILLISECONDS);
        completedExchanges.incrementAndGet();
        return response;
      } catch (ExecutionException failed) {
        IOException e = failed.getCause() instanceof IOException ? (IOException) failed.getCause() : new IOException(failed.getCause());
        if (!resent && mayBePooled && closedBeforeResponse(e) && Instant.now().isBefore(deadline)) {
          continue;
        }
        boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
            || e instanceof SSLHandshakeException || plainHttp(e);
        throw new TransportException(op.description() + " failed: " + e + (plainHttp(e)
            ? " (the server answered in plain HTTP where TLS was expected: fix the base URL's scheme or port)" : "")
            + (notSent ? "; the request was not sent" : "; the request may have been sent"), !notSent, e);
      } catch (TimeoutException slow) {
        sent.cancel(true);
        throw new TransportException(op.description() + " timed out reading the response; the request may have been sent", true, slow);
      } catch (InterruptedException e) {
        sent.cancel(true);
        Thread.currentThread().interrupt();
        throw new TransportException(op.description() + " was interrupted", true, e);
      }
    }
  }

  private static boolean closedBeforeResponse(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return false;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof EOFException || message.contains("received no bytes") || message.contains("Connection reset")) {
        return true;
      }
    }
    return false;
  }

  private static boolean plainHttp(IOException e) {
    return e instanceof SSLException && String.valueOf(e.getMessage()).matches("(?i).*(plaintext|unrecognized ssl message).*");
  }

  /** A failed response as {@link ErrorMapper} reads it (the demo maps raw requests with it too). */
  static ErrorResponse errorResponse(Operation op, HttpResponse<byte[]> response) {
    return errorResponse(op, response.statusCode(), response.headers(), response.body());
  }

  private static ErrorResponse errorResponse(Operation op, int status, java.net.http.HttpHeaders headers, byte[] body) {
    boolean cut = body.length > ERROR_BODY_LIMIT;
    var error = ErrorResponse.builder().operation(op).statusCode(status)
        .bodyBytes(headers.firstValueAsLong("Content-Length").orElse(body.length))
        .contentType(headers.firstValue("Content-Type"))
        .body(cut ? java.util.Optional.empty() : FlowJsonCodec.readErrorBody(body));
    headers.map().forEach((name, values) -> error.putHeaders(name, String.join(", ", values)));
    return error.build();
  }

  private static Duration left(Instant deadline) {
    return Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
  }

  /**
   * A body read up to a limit: an error body ends one byte past it ({@code cut}), a success body
   * past it is marked {@code tooLarge}. Past the limit the subscription is cancelled, so the JDK
   * closes the connection instead of reading the rest.
   */
  private static final class Body implements BodySubscriber<Body> {
    private final long limit;
    private final boolean cut;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Body> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    byte[] bytes = new byte[0];
    boolean tooLarge;

    Body(long limit, boolean cut) {
      this.limit = limit;
      this.cut = cut;
    }

    @Override
    public CompletionStage<Body> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (done.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        int keep = (int) Math.min(buffer.remaining(), limit + 1 - received.size());
        byte[] chunk = new byte[keep];
        buffer.get(chunk);
        received.write(chunk, 0, keep);
        if (received.size() > limit) {
          subscription.cancel();
          tooLarge = !cut;
          finish();
          return;
        }
      }
    }

    @Override
    public void onError(Throwable failure) {
      if (cut && received.size() > 0) {
        finish(); // keep what arrived of an error body: the status says what happened
      } else {
        done.completeExceptionally(failure);
      }
    }

    @Override
    public void onComplete() {
      finish();
    }

    private void finish() {
      bytes = tooLarge ? new byte[0] : received.toByteArray();
      done.complete(this);
    }
  }
}
