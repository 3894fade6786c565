package dev.flowexec.sdk.retrofit.internal;

import dev.flowexec.sdk.auth.AccessToken;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Fetches a new token every time it is asked; {@link CachingTokenProvider} decides when to ask. Not public API. */
public interface TokenSource {
  /**
   * Fetches a token on the calling thread.
   *
   * @param timeout how long the fetch may take
   * @return the token
   * @throws dev.flowexec.sdk.errors.FlowApiException when no token can be had
   */
  AccessToken fetch(Duration timeout);

  /**
   * Fetches a token without blocking the caller.
   *
   * @param timeout how long the fetch may take
   * @return a future of the token, failed with a {@link dev.flowexec.sdk.errors.FlowApiException}
   */
  CompletableFuture<AccessToken> fetchAsync(Duration timeout);
}
