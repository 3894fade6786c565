package dev.flowexec.sdk.transport;

import java.net.URI;
import java.time.Duration;

/**
 * Hears of the token fetches of one attempt: each request an access-token provider sent to a token
 * endpoint for it. A token served from a cache is no fetch and is not reported.
 *
 * <p>This is how a fetch deep in a transport reaches the client's listeners without any layer
 * holding a reference to the one above it: the client puts a listener on each attempt's {@link
 * CallOptions#tokenFetchListener()}, the transport hands it to {@link
 * dev.flowexec.sdk.auth.AccessTokenProvider#token(Duration, TokenFetchListener)}, and a provider
 * that fetches (such as {@link dev.flowexec.sdk.auth.CachingTokenProvider}) calls it once per
 * fetch, when the fetch ends. The client turns each report into an {@link
 * dev.flowexec.sdk.ExecutionListener#tokenFetched ExecutionListener.tokenFetched} event.
 *
 * <p>Called on the thread that ended the fetch; must return quickly and not throw. Reports carry no
 * token and no secret.
 */
@FunctionalInterface
public interface TokenFetchListener {
  /**
   * A token fetch ended, with a token or a failure.
   *
   * @param tokenUrl the token endpoint, without user info or query, or null when the provider does
   *     not say
   * @param elapsed how long the fetch took
   * @param forcedRefresh true when the fetch replaced a token the service refused ({@code 401
   *     invalid_token}); false for a first token or one renewed before it expired
   * @param failure why no token came, typed as the client's failures are (an {@link
   *     dev.flowexec.sdk.errors.AuthenticationException} for refused credentials, a {@link
   *     dev.flowexec.sdk.errors.TransportException} when no response came, ...), or null when a
   *     token came
   */
  void tokenFetched(
      URI tokenUrl, Duration elapsed, boolean forcedRefresh, RuntimeException failure);

  /**
   * Returns a listener that ignores every report: what a transport gets when it is called without
   * the client, or by a client with no listener that hears of fetches.
   *
   * @return the no-op listener
   */
  static TokenFetchListener none() {
    return NoTokenFetchListener.INSTANCE;
  }
}
