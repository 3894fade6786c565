package dev.flowexec.sdk.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one {@link TokenRequest} over HTTP: the only part of the client-credentials grant that
 * depends on an HTTP library. Each transport implements it in a few lines with its own client;
 * {@link CachingTokenProvider} does everything else (caching, single flight, renewal, reading the
 * answer and typing its failures).
 *
 * <p>An implementation sends {@code POST} with the request's headers and body, follows no redirect,
 * reads at most {@link #MAX_BODY_BYTES} of the body, and returns whatever status came back. Only
 * when no response arrives does it throw, a {@link dev.flowexec.sdk.errors.TransportException}
 * saying whether the request may have been sent. It never logs the request, which carries the
 * client's credentials.
 */
public interface TokenEndpoint {
  /** The most of a token endpoint's body that is read; a token response is far smaller. */
  int MAX_BODY_BYTES = 64 * 1024;

  /**
   * Sends the request and waits for the response.
   *
   * @param request the request
   * @param timeout the most the exchange may take
   * @return the response, whatever its status
   * @throws dev.flowexec.sdk.errors.TransportException when no response arrived in time
   */
  TokenHttpResponse post(TokenRequest request, Duration timeout);

  /**
   * Sends the request without blocking the caller. The default calls {@link #post(TokenRequest,
   * Duration)} on the calling thread; override it when the HTTP client is asynchronous.
   *
   * @param request the request
   * @param timeout the most the exchange may take
   * @return a future of the response, failed with a {@link
   *     dev.flowexec.sdk.errors.TransportException} when no response arrived
   */
  default CompletableFuture<TokenHttpResponse> postAsync(TokenRequest request, Duration timeout) {
    try {
      return CompletableFuture.completedFuture(post(request, timeout));
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }
}
