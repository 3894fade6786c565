package dev.flowexec.sdk.auth;

import dev.flowexec.sdk.transport.TokenFetchListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Supplies the bearer token for each call. Implementations cache and renew tokens, are thread-safe,
 * and never log or show a token.
 *
 * <p>Transports ask with the attempt's {@link TokenFetchListener} ({@link #token(Duration,
 * TokenFetchListener)}), so that a provider that fetches tokens over the network can tell the
 * client's listeners of each fetch; a provider that only implements {@link #token(Duration)} works
 * the same, and reports nothing.
 */
public interface AccessTokenProvider {
  /**
   * Returns a token that is valid now, fetching one if needed.
   *
   * @param timeout how long fetching may take
   * @return the token
   * @throws dev.flowexec.sdk.errors.FlowApiException when no token can be had, such as an {@link
   *     dev.flowexec.sdk.errors.AuthenticationException} for refused credentials
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
   * Returns a token that is valid now, fetching one if needed, and reports each fetch this made to
   * {@code fetches}: once, when it ends, with its outcome (a token served from a cache is no
   * fetch). Transports call this form with {@link
   * dev.flowexec.sdk.transport.CallOptions#tokenFetchListener()}. The default calls {@link
   * #token(Duration)} and reports nothing; a provider that fetches tokens overrides it, as {@link
   * CachingTokenProvider} does.
   *
   * @param timeout how long fetching may take
   * @param fetches hears of the fetch, if one is made
   * @return the token
   * @throws dev.flowexec.sdk.errors.FlowApiException when no token can be had
   */
  default AccessToken token(Duration timeout, TokenFetchListener fetches) {
    return token(timeout);
  }

  /**
   * Returns a token without blocking the caller, and reports each fetch this made to {@code
   * fetches}, as {@link #token(Duration, TokenFetchListener)} does. The default calls {@link
   * #tokenAsync(Duration)} and reports nothing.
   *
   * @param timeout how long fetching may take
   * @param fetches hears of the fetch, if one is made
   * @return a future of the token
   */
  default CompletableFuture<AccessToken> tokenAsync(Duration timeout, TokenFetchListener fetches) {
    return tokenAsync(timeout);
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
