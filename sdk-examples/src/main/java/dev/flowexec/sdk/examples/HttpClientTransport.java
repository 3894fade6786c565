package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.ErrorMapper;
import dev.flowexec.sdk.transport.ErrorResponse;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A {@link FlowTransport} on {@code java.net.http.HttpClient}: one call, one exchange (one more if a token is refused). */
public final class HttpClientTransport implements FlowTransport {
  private final HttpClient http;
  private final URI executions;
  private final AccessTokenProvider tokens;

  /** Sends to {@code {baseUrl}/api/v2/flows/executions} with bearer tokens from {@code tokens}. */
  public HttpClientTransport(URI baseUrl, AccessTokenProvider tokens) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.executions = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/api/v2/flows/executions");
    this.tokens = tokens;
  }

  @Override
  public TransportResponse launch(LaunchRequest request, CallOptions options) {
    byte[] body = FlowJsonCodec.writeLaunchRequest(request);
    return send(Operation.LAUNCH, options, executions, b -> b.POST(BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "\"" + request.flowExecutionId() + "\"")); // an RFC 8941 string
  }

  @Override
  public TransportResponse get(String id, CallOptions options) {
    return send(Operation.GET, options, URI.create(executions + "/" + id), HttpRequest.Builder::GET);
  }

  private TransportResponse send(Operation op, CallOptions options, URI uri, UnaryOperator<HttpRequest.Builder> method) {
    Instant byTimeout = Instant.now().plus(options.timeout().orElse(Duration.ofSeconds(30)));
    Instant deadline = options.deadline().filter(byTimeout::isAfter).orElse(byTimeout);
    AccessToken token = tokens.token(left(deadline));
    for (boolean renewed = false; ; renewed = true) {
      Scopes.check(op, token); // fails fast, before any HTTP call, when the token's scopes are known
      HttpRequest.Builder request = method.apply(HttpRequest.newBuilder(uri)).timeout(left(deadline))
          .header("Authorization", "Bearer " + token.value()).header("User-Agent", "flowexec-examples/0.1");
      options.headers().forEach(request::header);
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), BodyHandlers.ofByteArray());
      } catch (IOException e) {
        throw new TransportException(op.description() + " failed: " + e, !(e instanceof ConnectException), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(op.description() + " was interrupted", true, e);
      }
      if (response.statusCode() == 200 || response.statusCode() == 201) {
        return TransportResponse.of(FlowJsonCodec.readExecution(response.body()), response.statusCode(), response.headers().map());
      }
      FlowApiException failure = ErrorMapper.map(errorResponse(op, response));
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

  /** A failed response as {@link ErrorMapper} reads it (the demo maps raw requests with it too). */
  static ErrorResponse errorResponse(Operation op, HttpResponse<byte[]> response) {
    var error = ErrorResponse.builder().operation(op).statusCode(response.statusCode()).bodyBytes(response.body().length)
        .contentType(response.headers().firstValue("Content-Type")).body(FlowJsonCodec.readErrorBody(response.body()));
    response.headers().map().forEach((name, values) -> error.putHeaders(name, String.join(", ", values)));
    return error.build();
  }

  private static Duration left(Instant deadline) {
    return Duration.ofMillis(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
  }
}
