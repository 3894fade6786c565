package dev.flowexec.sdk.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Supplies the bearer token for each call. Implementations cache and renew tokens, are
 * thread-safe, and never log or show a token.
 */
public interface AccessTokenProvider {
  /**
   * Returns a token that is valid now, fetching one if needed.
   *
   * @param timeout how long fetching may take
   * @return the token
   * @throws dev.flowexec.sdk.errors.FlowApiException when no token can be had, such as an
   *     {@link dev.flowexec.sdk.errors.AuthenticationException} for refused credentials
   */
  AccessToken token(Duration timeout);

  /**
   * Returns a token without blocking the caller. The default calls {@link #token(Duration)}, which
   * is right for providers that never block.
   *
   * @param timeout how long fetching may take
   * @return a future of the token
   */
  default CompletableFuture<AccessToken> tokenAsync(Duration timeout) {
    try {
      return CompletableFuture.completedFuture(token(timeout));
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /**
   * Tells the provider that the service refused a token ({@code 401 invalid_token}), so that the
   * next {@link #token(Duration)} fetches a new one. The default does nothing.
   *
   * @param rejected the token that was refused
   */
  default void invalidate(AccessToken rejected) {}

  /**
   * Returns a provider of one fixed token, whose scopes and expiry are unknown.
   *
   * @param token the token
   * @return the provider
   */
  static AccessTokenProvider of(String token) {
    return of(AccessToken.of(token));
  }

  /**
   * Returns a provider of one fixed token.
   *
   * @param token the token
   * @return the provider
   */
  static AccessTokenProvider of(AccessToken token) {
    return new AccessTokenProvider() {
      @Override
      public AccessToken token(Duration timeout) {
        return token;
      }

      @Override
      public String toString() {
        return "AccessTokenProvider.of(" + token + ")";
      }
    };
  }
}
