package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.ErrorMapper;
import dev.flowexec.sdk.transport.ErrorResponse;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.TransportResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A {@link FlowTransport} on java.net.http: one call, one exchange (two if a token is refused), bounded bodies. */
public final class HttpClientTransport implements FlowTransport {
  /** As RetrofitTransport's default: 8 MiB. */ public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L << 20;
  private final JdkExchanges http;
  private final URI executions;
  private final AccessTokenProvider tokens;
  /** Sends to {@code {baseUrl}/api/v2/flows/executions} with bearer tokens from {@code tokens}. */
  public HttpClientTransport(URI baseUrl, AccessTokenProvider tokens) {
    this(baseUrl, tokens, DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** As {@link #HttpClientTransport(URI, AccessTokenProvider)}, reading at most {@code maxResponseBytes} of a success. */
  public HttpClientTransport(URI baseUrl, AccessTokenProvider tokens, long maxResponseBytes) {
    if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl " + baseUrl.getScheme() + "://" + baseUrl.getHost() // never echo them
          + " has a user name, query or fragment (not shown): use only scheme, host, port and path");
    }
    this.http = new JdkExchanges(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), maxResponseBytes);
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
    AccessToken token = tokens.token(JdkExchanges.left(deadline), options.tokenFetchListener());
    var headers = options.headers();
    for (boolean renewed = false; ; renewed = true) {
      Scopes.check(op, token); // fails fast, before any HTTP call, when the token's scopes are known
      HttpRequest.Builder request = method.apply(HttpRequest.newBuilder(uri))
          .header("Authorization", "Bearer " + token.value()).header("User-Agent", "flowexec-examples/0.1");
      headers.forEach(request::header);
      HttpResponse<BoundedBody> response = http.send(op, request, deadline);
      if (response.statusCode() == 200 || response.statusCode() == 201) {
        return TransportResponse.of(FlowJsonCodec.readExecution(response.body().bytes()), response.statusCode(), response.headers().map());
      }
      FlowApiException failure = ErrorMapper.map(errorResponse(op, response.statusCode(), response.headers(),
          response.body().bytes(), response.body().cut()));
      if (renewed || !"invalid_token".equals(failure.errorCode())) {
        throw failure;
      }
      tokens.invalidate(token); // refused: send once more if the provider now has another token
      AccessToken fresh = tokens.token(JdkExchanges.left(deadline), options.tokenFetchListener());
      if (fresh.value().equals(token.value())) {
        throw failure;
      }
      token = fresh;
      headers = options.resendListener().requestResent(headers, failure);
    }
  }

  /** A failed response as {@link ErrorMapper} reads it (the demo maps raw requests with it too). */
  static ErrorResponse errorResponse(Operation op, int status, HttpHeaders headers, byte[] body, boolean cut) {
    var error = ErrorResponse.builder().operation(op).statusCode(status).contentType(headers.firstValue("Content-Type").orElse(null))
        .bodyBytes(headers.firstValueAsLong("Content-Length").orElse(body.length))
        .body(cut ? null : FlowJsonCodec.readErrorBody(body).orElse(null));
    headers.map().forEach((name, values) -> error.putHeaders(name, String.join(", ", values)));
    return error.build();
  }
}
