package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.ErrorMapper;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.IdempotencyKey;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.SdkVersion;
import dev.flowexec.sdk.transport.TransportResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A {@link FlowTransport} on {@code java.net.http.HttpClient}: one call, one exchange (one more if
 * a token is refused). Bodies are bounded ({@link BoundedBody}); {@link JdkExchanges} sends, logs
 * and maps failures truthfully.
 *
 * <p>One limit of {@code java.net.http} that no setting lifts (JDK 17 to 25): when a pooled
 * connection turns out to be closed before any response byte, the JDK client sends a {@code GET}
 * once more by itself, so a {@link #get} can put two requests on the wire for the one attempt that
 * listeners see. A launch ({@code POST}) is never re-sent this way: it fails as a lost reused
 * connection and the client re-sends it as an attempt of its own. {@code RetrofitTransport} has no
 * such hidden re-send.
 */
public final class HttpClientTransport implements FlowTransport {
  /** As RetrofitTransport's default: 8 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L << 20;

  /** As RetrofitTransport's default: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final JdkExchanges http;
  private final URI baseUrl; // validated, without user info, query or fragment
  private final AccessTokenProvider tokens;

  /** Sends to {@code {baseUrl}/api/v2/flows/executions} with bearer tokens from {@code tokens}. */
  public HttpClientTransport(URI baseUrl, AccessTokenProvider tokens) {
    this(baseUrl, tokens, new JdkExchanges(DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES));
  }

  private HttpClientTransport(URI baseUrl, AccessTokenProvider tokens, JdkExchanges http) {
    if (baseUrl.getRawUserInfo() != null
        || baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "baseUrl "
              + baseUrl.getScheme()
              + "://"
              + baseUrl.getHost() // never echo them
              + " has a user name, query or fragment (not shown): use only scheme, host, port and path");
    }
    this.http = http;
    this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
    this.tokens = tokens;
  }

  /**
   * A copy whose TCP connect and TLS handshake, together, may take at most {@code timeout}
   * (positive).
   */
  public HttpClientTransport withConnectTimeout(Duration timeout) {
    return new HttpClientTransport(
        baseUrl, tokens, new JdkExchanges(timeout, http.maxResponseBytes()));
  }

  /**
   * A copy that reads at most {@code maxResponseBytes} of a success ({@code
   * FlowJsonCodec.RESPONSE_TOO_LARGE} past it).
   */
  public HttpClientTransport withMaxResponseBytes(long maxResponseBytes) {
    return new HttpClientTransport(
        baseUrl, tokens, new JdkExchanges(http.connectTimeout(), maxResponseBytes));
  }

  @Override
  public TransportResponse launch(LaunchRequest request, CallOptions options) {
    return send(
        Operation.LAUNCH,
        options,
        URI.create(baseUrl + "/api/v2/flows/executions"),
        FlowJsonCodec.writeLaunchRequest(request),
        b -> b.header(IdempotencyKey.HEADER, IdempotencyKey.of(request.flowExecutionId())));
  }

  @Override
  public TransportResponse get(String id, CallOptions options) {
    return send(
        Operation.GET,
        options,
        URI.create(baseUrl + "/api/v2/flows/executions/" + id),
        null,
        b -> b);
  }

  private TransportResponse send(
      Operation op,
      CallOptions options,
      URI uri,
      byte[] body,
      UnaryOperator<HttpRequest.Builder> extra) {
    Instant byTimeout = Instant.now().plus(options.timeout().orElse(Duration.ofSeconds(30)));
    Instant deadline = options.deadline().filter(byTimeout::isAfter).orElse(byTimeout);
    AccessToken token = tokens.token(JdkExchanges.left(deadline), options.tokenFetchListener());
    var headers = options.headers();
    for (boolean renewed = false; ; renewed = true) {
      Scopes.check(
          op, token); // fails fast, before any HTTP call, when the token's scopes are known
      HttpRequest.Builder request =
          extra
              .apply(HttpRequest.newBuilder(uri))
              .header("Authorization", "Bearer " + token.value())
              .header("User-Agent", SdkVersion.userAgent());
      headers.forEach(request::setHeader); // the caller's own User-Agent replaces ours
      HttpResponse<BoundedBody> response =
          http.send(op, request, body, deadline, options.freshConnection());
      if (response.statusCode() == 200 || response.statusCode() == 201) {
        return TransportResponse.of(
            FlowJsonCodec.readExecution(response.body().bytes()),
            response.statusCode(),
            response.headers().map());
      }
      FlowApiException failure =
          ErrorMapper.map(
              JdkExchanges.errorResponse(
                  op,
                  response.statusCode(),
                  response.headers(),
                  response.body().bytes(),
                  response.body().cut()));
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
}
