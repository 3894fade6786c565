package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.auth.CachingTokenProvider;
import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.auth.TokenEndpoint;
import dev.flowexec.sdk.auth.TokenHttpResponse;
import dev.flowexec.sdk.auth.TokenRequest;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.SdkVersion;
import dev.flowexec.sdk.transport.WireLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A {@link TokenEndpoint} on {@code java.net.http}: with sdk-core's {@link CachingTokenProvider}
 * (caching, single flight, renewal, typed failures) it is all a custom transport needs for the
 * client-credentials grant against any identity provider.
 *
 * <pre>{@code
 * new HttpClientTransport(baseUrl, HttpClientTokenEndpoint.clientCredentials(ClientCredentials.builder()
 *     .tokenUrl("https://login.example.com/realms/flows/protocol/openid-connect/token")
 *     .clientId(id).clientSecret(secret).build()));
 * }</pre>
 */
public final class HttpClientTokenEndpoint implements TokenEndpoint {
  private final HttpClient http;
  private final WireLog wire;

  /**
   * Uses {@code http}, which must not follow redirects (a redirected POST loses its credentials).
   */
  public HttpClientTokenEndpoint(HttpClient http) {
    this(http, WireLog.create(UnaryOperator.identity()));
  }

  private HttpClientTokenEndpoint(HttpClient http, WireLog wire) {
    this.http = http;
    this.wire = wire;
  }

  /** Returns a caching provider of tokens from {@code credentials}, on a client of its own. */
  public static CachingTokenProvider clientCredentials(ClientCredentials credentials) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    // The wire log scrubs the secret wherever a token endpoint echoed it, beyond the fields
    // redacted by name.
    return CachingTokenProvider.clientCredentials(
        credentials, new HttpClientTokenEndpoint(http, WireLog.create(credentials::redact)));
  }

  @Override
  public TokenHttpResponse post(TokenRequest request, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(timeout)
            .POST(BodyPublishers.ofByteArray(request.bodyBytes()))
            .header("User-Agent", SdkVersion.userAgent());
    request.headers().forEach(builder::header);
    String action = "fetching an access token from " + request.uri();
    HttpRequest built = builder.build();
    WireLog.Exchange logged =
        wire.isEnabled()
            ? wire.request("POST", request.uri(), built.headers().map(), request.body(), true)
            : null;
    try {
      HttpResponse<InputStream> response = http.send(built, BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BODY_BYTES); // a longer body is cut, never buffered whole
      }
      if (logged != null) {
        logged.response(
            response.statusCode(),
            response.headers().map(),
            new String(body, StandardCharsets.UTF_8));
      }
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      response
          .headers()
          .map()
          .forEach((name, values) -> headers.put(name, String.join(", ", values)));
      return TokenHttpResponse.of(response.statusCode(), headers, body);
    } catch (IOException | InterruptedException e) {
      if (logged != null) {
        logged.failed(e);
      }
      throw failure(action, e, timeout);
    }
  }

  private static TransportException failure(String action, Exception e, Duration timeout) {
    if (e instanceof HttpTimeoutException) {
      String message = action + " timed out after " + timeout.toMillis() + " ms";
      return String.valueOf(e.getMessage()).contains("connect")
          ? TransportException.notSent(message + " while connecting; the request was not sent", e)
          : TransportException.maybeSent(message + "; the request may have been sent", e);
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return TransportException.maybeSent(action + " was interrupted", e);
    }
    return e instanceof ConnectException
        ? TransportException.notSent(action + " failed: " + e + "; the request was not sent", e)
        : TransportException.maybeSent(
            action + " failed: " + e + "; the request may have been sent", e);
  }

  @Override
  public String toString() {
    return "HttpClientTokenEndpoint";
  }
}
