package dev.flowexec.sdk.retrofit.internal;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.internal.RetryAfter;
import dev.flowexec.sdk.internal.SdkVersion;
import dev.flowexec.sdk.transport.ErrorBody;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.ResponseBody;
import okio.ByteString;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 §4.4) against {@code {auth_base}/oauth/token},
 * with HTTP Basic client authentication (§2.3.1: id and secret form-urlencoded, then base64).
 *
 * <p>Errors of the endpoint (§5.2) become an {@link AuthenticationException} whose
 * {@code errorCode()} is the {@code error} and whose message carries the
 * {@code error_description}; a {@code 5xx} a {@link ServerException}; a {@code 429} a
 * {@link RateLimitedException}; an I/O failure a {@link dev.flowexec.sdk.errors.TransportException}.
 * The secret is kept only inside the encoded {@code Authorization} value, which no message or
 * {@code toString()} shows. Not public API.
 */
public final class ClientCredentialsGrant implements TokenSource {
  private static final String ACTION = "fetching an access token";

  private final TokenEndpointApi endpoint;
  private final String tokenUrl;
  private final String clientId;
  private final String basicAuthorization;
  private final Set<String> scopes;
  private final String scopeParameter;
  private final Clock clock;

  /**
   * Creates the grant.
   *
   * @param endpoint the token endpoint
   * @param tokenUrl the endpoint's URL, for messages
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param scopes the scopes to request
   * @param clock the clock {@code expires_in} counts from
   */
  public ClientCredentialsGrant(TokenEndpointApi endpoint, String tokenUrl, String clientId,
      String clientSecret, Set<String> scopes, Clock clock) {
    this.endpoint = endpoint;
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.basicAuthorization = basic(clientId, clientSecret);
    this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    this.scopeParameter = String.join(" ", scopes);
    this.clock = clock;
  }

  /**
   * Returns the {@code Authorization} value of RFC 6749 §2.3.1.
   *
   * @param clientId the client id
   * @param clientSecret the client secret
   * @return {@code Basic base64(urlencode(id) ":" urlencode(secret))}
   */
  public static String basic(String clientId, String clientSecret) {
    String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public AccessToken fetch(Duration timeout) {
    Call<ResponseBody> call = newCall(timeout);
    Response<ResponseBody> response;
    try {
      response = call.execute();
    } catch (IOException failure) {
      throw TransportFailures.of(ACTION + " from " + tokenUrl, failure, timeout.toMillis());
    }
    return read(response, timeout);
  }

  @Override
  public CompletableFuture<AccessToken> fetchAsync(Duration timeout) {
    CompletableFuture<AccessToken> result = new CompletableFuture<>();
    Call<ResponseBody> call;
    try {
      call = newCall(timeout);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    call.enqueue(new Callback<ResponseBody>() {
      @Override
      public void onResponse(Call<ResponseBody> done, Response<ResponseBody> response) {
        try {
          result.complete(read(response, timeout));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call<ResponseBody> done, Throwable failure) {
        result.completeExceptionally(failure instanceof IOException
            ? TransportFailures.of(ACTION + " from " + tokenUrl, (IOException) failure, timeout.toMillis())
            : failure);
      }
    });
    return result;
  }

  private Call<ResponseBody> newCall(Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw TransportFailures.outOfTime(ACTION, 0, false);
    }
    Call<ResponseBody> call = endpoint.token(basicAuthorization, SdkVersion.userAgent(),
        "application/json", "client_credentials", scopeParameter);
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return call;
  }

  private AccessToken read(Response<ResponseBody> response, Duration timeout) {
    String requestId = response.headers().get("X-Request-Id");
    if (response.isSuccessful()) {
      try (ResponseBody body = response.body()) {
        if (body == null) {
          throw MalformedResponses.of("the token response is empty");
        }
        return JsonCodec.readTokenResponse(body.source()).toAccessToken(scopes, clock.instant());
      } catch (FlowApiException malformed) {
        throw MalformedResponses.withResponse(malformed, response.code(), requestId);
      } catch (IOException failure) {
        throw TransportFailures.of(ACTION + " (reading the response)", failure, timeout.toMillis());
      }
    }
    int status = response.code();
    ByteString bytes = ErrorResponses.errorBytes(response.errorBody());
    Optional<ErrorBody> oauthError = ErrorResponses.isCut(bytes)
        ? Optional.empty()
        : JsonCodec.readErrorBody(ErrorBodyJsonAdapter.OAUTH, bytes).filter(b -> b.errorCode().isPresent());
    String where = "the token endpoint " + tokenUrl + " answered " + status;
    String suffix = requestId == null ? "" : " [request " + requestId + "]";
    if (oauthError.isPresent()) {
      String error = oauthError.get().errorCode().get();
      String description = oauthError.get().message().map(d -> ": " + d).orElse("");
      return throwing(new AuthenticationException(where + " " + error + description + ". " + hint(error) + suffix,
          status, error, requestId));
    }
    Duration retryAfter = Optional.ofNullable(response.headers().get("Retry-After"))
        .flatMap(value -> RetryAfter.parse(value, clock.instant())).orElse(null);
    String received = bytes.size() == 0 ? "an empty body" : "no OAuth error in its body";
    if (status >= 500) {
      return throwing(new ServerException(where + " with " + received + ": the identity provider is failing; try again later" + suffix,
          status, status == 503 ? "unavailable" : "server_error", requestId, retryAfter));
    }
    if (status == 429) {
      return throwing(new RateLimitedException(where + ": too many token requests; wait before asking again" + suffix,
          status, "rate_limited", requestId, retryAfter));
    }
    return throwing(new AuthenticationException(where + " with " + received
        + ": check authBaseUrl, which must be the base under which /oauth/token is served" + suffix,
        status, "http_" + status, requestId));
  }

  private static AccessToken throwing(FlowApiException failure) {
    throw failure;
  }

  private String hint(String error) {
    switch (error) {
      case "invalid_client":
        return "Check the client id (" + clientId + ") and secret";
      case "invalid_scope":
        return "The client may not ask for " + scopeParameter + ": request scopes it is allowed, such as flow:execute";
      case "unauthorized_client":
        return "This client may not use the client-credentials grant: ask for it to be enabled";
      case "invalid_grant":
      case "unsupported_grant_type":
        return "The identity provider does not accept the client-credentials grant for this client";
      default:
        return "The identity provider refused the client credentials";
    }
  }

  @Override
  public String toString() {
    return "ClientCredentialsGrant{tokenUrl=" + tokenUrl + ", clientId=" + clientId
        + ", scopes=" + scopeParameter + ", clientSecret=<redacted>}";
  }
}
