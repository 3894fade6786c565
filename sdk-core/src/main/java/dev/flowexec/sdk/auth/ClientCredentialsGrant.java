package dev.flowexec.sdk.auth;

import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.internal.RetryAfter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Runs the client-credentials grant through a {@link TokenEndpoint} and types what comes back, the
 * way the API's failures are typed: {@code 5xx} is a {@link ServerException} and {@code 429} a
 * {@link RateLimitedException} (both retried by the client under the call's policy and deadline);
 * only the error codes of RFC 6749 §5.2 are read as OAuth errors ({@link AuthenticationException}
 * with a hint for each); anything else says which setting to check. Descriptions the provider
 * writes are cut, cleaned and stripped of the client secret.
 */
final class ClientCredentialsGrant {
  /** The longest token lifetime believed; longer ones (or absurd ones, 4e16 s) are cut to it. */
  static final Duration MAX_LIFETIME = Duration.ofDays(366);

  /** The error code of a token response that cannot be used: HTML, not JSON, no token. */
  static final String MALFORMED = "malformed_response";

  /** The error code of a token whose {@code token_type} is not {@code Bearer}. */
  static final String UNSUPPORTED_TOKEN_TYPE = "unsupported_token_type";

  private static final Set<String> OAUTH_ERRORS =
      Set.of(
          "invalid_request",
          "invalid_client",
          "invalid_grant",
          "unauthorized_client",
          "unsupported_grant_type",
          "invalid_scope");
  private static final int MAX_DESCRIPTION = 300;

  private final ClientCredentials credentials;
  private final TokenEndpoint endpoint;
  private final TokenRequest request;
  private final Clock clock;

  ClientCredentialsGrant(ClientCredentials credentials, TokenEndpoint endpoint, Clock clock) {
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.request = credentials.tokenRequest();
    this.clock = clock;
  }

  AccessToken fetch(Duration timeout) {
    checkTime(timeout);
    return read(endpoint.post(request, timeout));
  }

  CompletableFuture<AccessToken> fetchAsync(Duration timeout) {
    try {
      checkTime(timeout);
      return endpoint.postAsync(request, timeout).thenApply(this::read);
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  private void checkTime(Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw TransportException.notSent(
          "fetching an access token from "
              + credentials.tokenUrl()
              + " was not started: the attempt had no time left; the request was not sent",
          null);
    }
  }

  /** Reads a response into a token, or throws its typed failure. */
  AccessToken read(TokenHttpResponse response) {
    int status = response.statusCode();
    String requestId =
        response.header("X-Request-Id").or(() -> response.header("X-Ms-Request-Id")).orElse(null);
    String where = "the token endpoint " + credentials.tokenUrl() + " answered " + status;
    String suffix = requestId == null ? "" : " [request " + requestId + "]";
    String text = new String(response.bodyBytes(), StandardCharsets.UTF_8);
    if (status >= 200 && status < 300) {
      return token(response, text, where, suffix, requestId);
    }
    Optional<FlatJsonObject> json = json(text);
    Optional<String> error = json.flatMap(o -> o.string("error"));
    String description =
        json.flatMap(o -> o.string("error_description")).map(d -> ": " + clean(d)).orElse("");
    Duration retryAfter =
        response
            .header("Retry-After")
            .flatMap(v -> RetryAfter.parse(v, clock.instant()))
            .orElse(null);
    String received = received(response, error);
    if (status >= 500) {
      String code =
          error
              .filter(e -> e.equals("server_error") || e.equals("temporarily_unavailable"))
              .orElse(status == 503 ? "unavailable" : "server_error");
      throw new ServerException(
          where
              + " with "
              + received
              + description
              + ": the identity provider is failing; the call is retried under its retry policy"
              + suffix,
          status,
          code,
          requestId,
          retryAfter);
    }
    if (status == 429) {
      throw new RateLimitedException(
          where
              + " with "
              + received
              + description
              + ": too many token requests; the call is retried after the delay the provider asked for"
              + suffix,
          status,
          "rate_limited",
          requestId,
          retryAfter);
    }
    if (error.isPresent() && OAUTH_ERRORS.contains(error.get())) {
      throw new AuthenticationException(
          where
              + " "
              + error.get()
              + description
              + ". "
              + hint(error.get(), status, description)
              + suffix,
          status,
          error.get(),
          requestId);
    }
    throw new AuthenticationException(
        where + " with " + received + description + ". " + notOAuthHint(status) + suffix,
        status,
        "http_" + status,
        requestId);
  }

  private AccessToken token(
      TokenHttpResponse response, String text, String where, String suffix, String requestId) {
    int status = response.statusCode();
    String type = response.mediaType();
    Optional<FlatJsonObject> json = type.contains("html") ? Optional.empty() : json(text);
    if (json.isEmpty()) {
      throw new FlowApiException(
          where
              + " with "
              + (type.isEmpty() ? "no Content-Type" : "Content-Type " + type)
              + " and "
              + response.bodyBytes().length
              + " bytes that are not a JSON token response"
              + ": check tokenUrl ("
              + credentials.tokenUrl()
              + "), which must be the identity provider's token endpoint "
              + "itself, not its web page or discovery document"
              + suffix,
          status,
          MALFORMED,
          requestId);
    }
    FlatJsonObject body = json.get();
    Optional<String> value = body.string("access_token");
    if (value.isEmpty()) {
      throw new FlowApiException(
          where
              + " with JSON that has no access_token"
              + (body.string("id_token").isPresent() ? " (only an id_token)" : "")
              + ": check tokenUrl ("
              + credentials.tokenUrl()
              + ")"
              + suffix,
          status,
          MALFORMED,
          requestId);
    }
    Optional<String> tokenType = body.string("token_type");
    if (tokenType.isPresent() && !tokenType.get().equalsIgnoreCase("Bearer")) {
      throw new AuthenticationException(
          where
              + " with a token of type "
              + clean(tokenType.get())
              + ", not Bearer: the SDK sends only bearer tokens (RFC 6750), and sending this one as one would be wrong. "
              + "Configure client "
              + credentials.clientId()
              + " at the identity provider to issue Bearer tokens "
              + "(turn off DPoP or other proof-of-possession for it)"
              + suffix,
          status,
          UNSUPPORTED_TOKEN_TYPE,
          requestId);
    }
    Instant receivedAt = clock.instant();
    Duration lifetime = lifetime(body, where, suffix, status, requestId);
    Set<String> granted =
        body.string("scope")
            .map(
                s ->
                    Arrays.stream(s.trim().split("\\s+"))
                        .filter(x -> !x.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
            .orElseGet(
                () ->
                    new LinkedHashSet<>(
                        credentials.scopes())); // RFC 6749 §5.1: absent means as requested
    try {
      return AccessToken.builder()
          .value(value.get())
          .grantedScopes(credentials.scopeCheck().translate(granted).orElse(null))
          .expiresAt(lifetime == null ? null : receivedAt.plus(lifetime))
          .build();
    } catch (IllegalArgumentException unusable) {
      // The message never contains the token itself.
      throw new FlowApiException(
          where + " with an unusable access_token: " + unusable.getMessage() + suffix,
          status,
          MALFORMED,
          requestId);
    }
  }

  /**
   * {@code expires_in}, a number or a numeric string (some providers quote it), cut to a sane
   * range.
   */
  private Duration lifetime(
      FlatJsonObject body, String where, String suffix, int status, String requestId) {
    Optional<String> raw = body.number("expires_in").or(() -> body.string("expires_in"));
    if (raw.isEmpty()) {
      if (body.isNotScalar("expires_in")) {
        throw new FlowApiException(
            where + " with an expires_in that is not a number" + suffix,
            status,
            MALFORMED,
            requestId);
      }
      return null; // unknown: kept until the service refuses it
    }
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(raw.get().trim());
    } catch (NumberFormatException notNumber) {
      throw new FlowApiException(
          where + " with an expires_in that is not a number (" + clean(raw.get()) + ")" + suffix,
          status,
          MALFORMED,
          requestId);
    }
    if (seconds.signum() <= 0) {
      return Duration.ZERO;
    }
    if (seconds.compareTo(BigDecimal.valueOf(MAX_LIFETIME.toSeconds())) >= 0) {
      return MAX_LIFETIME;
    }
    return Duration.ofSeconds(seconds.longValue());
  }

  private String hint(String error, int status, String description) {
    String client = credentials.clientId();
    switch (error) {
      case "invalid_client":
        return "Check the client id ("
            + client
            + ") and secret, and that the provider expects "
            + credentials.authMethod().wireName()
            + " client authentication (see authMethod)";
      case "unauthorized_client":
        return status == 401
            ? "Check the client id (" + client + ") and secret"
            : "Client "
                + client
                + " may not use the client-credentials grant: enable it at the identity provider "
                + "(Keycloak: Service accounts roles; Okta: the Client Credentials grant type)";
      case "invalid_scope":
        return "The identity provider refused the scope "
            + String.join(" ", refused(description))
            + " for client "
            + client
            + ": grant the client that scope at the provider (Keycloak: add it as a client scope), "
            + "or request the provider's own name for it with scopes(...) and map it with ScopeCheck.mapping(...)";
      case "invalid_grant":
      case "unsupported_grant_type":
        return "The identity provider does not accept the client-credentials grant for client "
            + client
            + ": enable it at the provider";
      default: // invalid_request
        return "The identity provider rejected the token request: check authMethod ("
            + credentials.authMethod().wireName()
            + ") and the tokenParameters it needs (audience, resource)";
    }
  }

  /** The requested scopes the description names, or all of them when it names none. */
  private Set<String> refused(String description) {
    Set<String> named =
        credentials.scopes().stream()
            .filter(description::contains)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return named.isEmpty() ? credentials.scopes() : named;
  }

  private String notOAuthHint(int status) {
    if (status == 401) {
      return "The token endpoint refused the client's authentication without an OAuth error: check the client id ("
          + credentials.clientId()
          + ") and secret, and authMethod ("
          + credentials.authMethod().wireName()
          + ")";
    }
    return "This is not a token endpoint, or not one that accepts POST: check tokenUrl ("
        + credentials.tokenUrl()
        + "). Keycloak's is {server}/realms/{realm}/protocol/openid-connect/token, Okta's {server}/oauth2/default/v1/token, "
        + "Azure AD's https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";
  }

  private String received(TokenHttpResponse response, Optional<String> error) {
    if (error.isPresent()) {
      return "error \"" + clean(error.get()) + "\"";
    }
    if (response.bodyBytes().length == 0) {
      return "an empty body";
    }
    String type = response.mediaType();
    return (type.isEmpty() ? "a body without Content-Type" : "a " + type + " body")
        + " ("
        + response.bodyBytes().length
        + " bytes, no OAuth error)";
  }

  private static Optional<FlatJsonObject> json(String text) {
    try {
      return Optional.of(FlatJsonObject.parse(text));
    } catch (IllegalArgumentException notJson) {
      return Optional.empty();
    }
  }

  /**
   * The provider's text, cut, without control characters, and without the secret in any spelling.
   */
  private String clean(String text) {
    String redacted = credentials.redact(text);
    StringBuilder out = new StringBuilder(Math.min(redacted.length(), MAX_DESCRIPTION + 1));
    for (int i = 0; i < redacted.length() && out.length() < MAX_DESCRIPTION; i++) {
      char c = redacted.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return redacted.length() > MAX_DESCRIPTION ? out + "..." : out.toString();
  }

  @Override
  public String toString() {
    return "ClientCredentialsGrant{" + credentials + "}";
  }
}
