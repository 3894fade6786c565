package dev.flowexec.sdk.testing.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks {@code Authorization: Bearer} on API requests (RFC 6750) and answers the failures. */
public final class BearerAuthenticator {
  /** The realm in every {@code WWW-Authenticate} challenge. */
  public static final String REALM = "flows";

  private static final Pattern BEARER =
      Pattern.compile("(?i:Bearer) +([A-Za-z0-9\\-._~+/]+=*)\\s*");

  private final TokenStore tokens;

  /**
   * Creates an authenticator.
   *
   * @param tokens the issued tokens
   */
  public BearerAuthenticator(TokenStore tokens) {
    this.tokens = tokens;
  }

  /**
   * Checks a request.
   *
   * @param request the request
   * @param acceptedScopes the scopes that allow the operation, any one sufficing
   * @return {@code null} if allowed, else the 401 or 403 answer
   */
  public Response check(IncomingRequest request, List<String> acceptedScopes) {
    String rid = request.requestId();
    String authorization = request.header("Authorization");
    if (authorization == null) {
      return ErrorResponses.of(
              ErrorCode.MISSING_TOKEN,
              "this operation needs an access token in Authorization: Bearer",
              rid)
          .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
    }
    Matcher m = BEARER.matcher(authorization);
    if (!m.matches()) {
      return invalidToken("the Authorization header does not carry a Bearer token", rid);
    }
    String token = m.group(1);
    switch (tokens.state(token)) {
      case UNKNOWN:
        return invalidToken("the access token is unknown or revoked", rid);
      case EXPIRED:
        return invalidToken("the access token has expired", rid);
      default:
        break;
    }
    if (Collections.disjoint(tokens.scopes(token), acceptedScopes)) {
      String scope = String.join(" ", acceptedScopes);
      return ErrorResponses.of(
              ErrorCode.INSUFFICIENT_SCOPE,
              403,
              "the access token has none of the scopes this operation accepts: " + scope,
              rid,
              Map.of("required_scopes", acceptedScopes))
          .header(
              "WWW-Authenticate",
              "Bearer realm=\""
                  + REALM
                  + "\", error=\"insufficient_scope\", scope=\""
                  + scope
                  + "\"");
    }
    return null;
  }

  private static Response invalidToken(String description, String requestId) {
    return ErrorResponses.of(ErrorCode.INVALID_TOKEN, description, requestId)
        .header(
            "WWW-Authenticate",
            "Bearer realm=\""
                + REALM
                + "\", error=\"invalid_token\", error_description=\""
                + description
                + "\"");
  }
}
