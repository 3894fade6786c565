package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.auth.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fields of a token response that the SDK uses. {@link #toString()} hides the token. Not public
 * API.
 */
final class TokenResponse {
  /** The longest lifetime believed, as sdk-core's caching provider cuts it: 366 days. */
  private static final long MAX_LIFETIME_SECONDS = 366L * 24 * 3600;

  private final String accessToken;
  private final Long expiresIn;
  private final String scope;

  TokenResponse(String accessToken, Long expiresIn, String scope) {
    this.accessToken = accessToken;
    this.expiresIn = expiresIn;
    this.scope = scope;
  }

  /**
   * Returns the token, its scopes and expiry.
   *
   * @param requestedScopes the scopes asked for: the granted set when the response has no {@code
   *     scope}
   * @param receivedAt when the response arrived, the start of {@code expires_in}
   * @return the token
   * @throws dev.flowexec.sdk.errors.FlowApiException a malformed response, if the token is not a
   *     usable bearer token
   */
  public AccessToken toAccessToken(Collection<String> requestedScopes, Instant receivedAt) {
    Set<String> granted =
        scope == null
            ? new LinkedHashSet<>(requestedScopes)
            : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    granted.remove("");
    try {
      return AccessToken.builder()
          .value(accessToken)
          .grantedScopes(Collections.unmodifiableSet(granted))
          .expiresAt(
              expiresIn == null
                  ? null
                  : receivedAt.plus(
                      Duration.ofSeconds(Math.min(Math.max(0, expiresIn), MAX_LIFETIME_SECONDS))))
          .build();
    } catch (IllegalArgumentException unusable) {
      // The message never contains the token itself.
      throw MalformedResponses.of(
          "the token response's access_token is unusable: " + unusable.getMessage());
    }
  }

  @Override
  public String toString() {
    return "TokenResponse{access_token=<redacted>, expires_in="
        + expiresIn
        + ", scope="
        + scope
        + "}";
  }
}
