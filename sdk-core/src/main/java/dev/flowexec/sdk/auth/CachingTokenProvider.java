package dev.flowexec.sdk.auth;

import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.TokenFetchListener;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link AccessTokenProvider} that runs the client-credentials grant against any identity
 * provider and caches its tokens: a token is reused until shortly before it expires, fetched with a
 * single flight (however many callers find the cache empty at once, one request goes out and all of
 * them get its token or its failure; a failure is not cached), and dropped when the service refuses
 * it ({@link #invalidate}). Failures are typed like the API's: a {@code 5xx} or HTML error page is
 * a {@link dev.flowexec.sdk.errors.ServerException}, a {@code 429} a {@link
 * dev.flowexec.sdk.errors.RateLimitedException} (both retried by the client under the call's policy
 * and deadline), an RFC 6749 §5.2 error an {@link dev.flowexec.sdk.errors.AuthenticationException}
 * that says what to check.
 *
 * <p>A token is renewed {@code min(30 s, 10 % of its lifetime)} before it expires, so a 60-second
 * token is renewed after 54 seconds; a token without {@code expires_in} is kept until the service
 * refuses it. The caller that starts a fetch gives it its own timeout; a caller that joins waits at
 * most its own. Cancelling a future {@link #tokenAsync} returned leaves the shared fetch running
 * for the others.
 *
 * <p>The HTTP exchange itself is a {@link TokenEndpoint}, which each transport implements with its
 * own HTTP client; so a custom transport needs only sdk-core:
 *
 * <pre>{@code
 * AccessTokenProvider tokens = CachingTokenProvider.clientCredentials(
 *     ClientCredentials.builder().tokenUrl(tokenUrl).clientId(id).clientSecret(secret).build(),
 *     myTokenEndpoint);
 * }</pre>
 *
 * <p>Each request it sends is reported, when it ends, to the {@link TokenFetchListener} of the
 * caller that started it ({@link #token(Duration, TokenFetchListener)}): that is how the client's
 * listeners, logs, metrics and traces hear of token fetches. A token served from the cache, or one
 * a caller joined in flight, is no fetch of that caller's.
 *
 * <p>Thread-safe. {@link #toString()} never shows a token or secret.
 */
public final class CachingTokenProvider implements AccessTokenProvider {
  /** The most a token is renewed before it expires. */
  public static final Duration MAX_SKEW = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger("dev.flowexec.sdk.auth");

  private final ClientCredentialsGrant grant;
  private final URI tokenUrl;
  private final Clock clock;
  private final Object lock = new Object();
  private AccessToken cached;
  private Instant renewAt;
  private CompletableFuture<AccessToken> inFlight;

  /** The service refused the cached token, and no fetch has started since: the next is forced. */
  private boolean refused;

  private CachingTokenProvider(ClientCredentialsGrant grant, URI tokenUrl, Clock clock) {
    this.grant = grant;
    this.tokenUrl = tokenUrl;
    this.clock = clock;
  }

  /**
   * Creates a provider that fetches tokens with the client-credentials grant, measuring expiry
   * against the system clock.
   *
   * @param credentials the grant's settings
   * @param endpoint sends the token requests
   * @return the provider
   */
  public static CachingTokenProvider clientCredentials(
      ClientCredentials credentials, TokenEndpoint endpoint) {
    return clientCredentials(credentials, endpoint, Clock.systemUTC());
  }

  /**
   * Creates a provider that fetches tokens with the client-credentials grant.
   *
   * @param credentials the grant's settings
   * @param endpoint sends the token requests
   * @param clock the clock that {@code expires_in} and {@code Retry-After} dates are measured
   *     against
   * @return the provider
   */
  public static CachingTokenProvider clientCredentials(
      ClientCredentials credentials, TokenEndpoint endpoint, Clock clock) {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(clock, "clock");
    return new CachingTokenProvider(
        new ClientCredentialsGrant(credentials, endpoint, clock), credentials.tokenUrl(), clock);
  }

  @Override
  public AccessToken token(Duration timeout) {
    return token(timeout, TokenFetchListener.none());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only the caller whose request goes out hears of the fetch; callers that join it, or find a
   * fresh token in the cache, hear of nothing. A fetch right after {@link #invalidate} dropped the
   * cached token is reported as a forced refresh.
   */
  @Override
  public AccessToken token(Duration timeout, TokenFetchListener fetches) {
    Objects.requireNonNull(fetches, "fetches");
    CompletableFuture<AccessToken> flight;
    boolean leader = false;
    boolean forced = false;
    synchronized (lock) {
      AccessToken fresh = freshLocked();
      if (fresh != null) {
        return fresh;
      }
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        leader = true;
        forced = refused;
        refused = false;
      }
      flight = inFlight;
    }
    if (!leader) {
      return await(flight, timeout);
    }
    Instant start = clock.instant();
    try {
      AccessToken token = grant.fetch(timeout);
      report(fetches, start, forced, null);
      settle(flight, token, null);
      return token;
    } catch (RuntimeException failure) {
      report(fetches, start, forced, failure);
      settle(flight, null, failure);
      throw failure;
    } catch (Error failure) {
      settle(flight, null, failure);
      throw failure;
    }
  }

  @Override
  public CompletableFuture<AccessToken> tokenAsync(Duration timeout) {
    return tokenAsync(timeout, TokenFetchListener.none());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only the caller whose request goes out hears of the fetch, as with {@link #token(Duration,
   * TokenFetchListener)}.
   */
  @Override
  public CompletableFuture<AccessToken> tokenAsync(Duration timeout, TokenFetchListener fetches) {
    Objects.requireNonNull(fetches, "fetches");
    CompletableFuture<AccessToken> flight;
    boolean leader = false;
    boolean forced = false;
    synchronized (lock) {
      AccessToken fresh = freshLocked();
      if (fresh != null) {
        return CompletableFuture.completedFuture(fresh);
      }
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        leader = true;
        forced = refused;
        refused = false;
      }
      flight = inFlight;
    }
    if (leader) {
      Instant start = clock.instant();
      boolean forcedRefresh = forced;
      grant
          .fetchAsync(timeout)
          .whenComplete(
              (token, failure) -> {
                Throwable cause = failure == null ? null : unwrap(failure);
                if (failure == null || cause instanceof RuntimeException) {
                  report(fetches, start, forcedRefresh, (RuntimeException) cause);
                }
                settle(flight, token, failure);
              });
    }
    // Each caller gets its own future, so that cancelling it leaves the shared fetch alone.
    CompletableFuture<AccessToken> mine = new CompletableFuture<>();
    flight.whenComplete(
        (token, failure) -> {
          if (failure != null) {
            mine.completeExceptionally(unwrap(failure));
          } else {
            mine.complete(token);
          }
        });
    if (!leader && !mine.isDone()) {
      // The leader's fetch has the leader's timeout; a joiner waits at most its own.
      long millis = Math.max(1, timeout.toMillis());
      CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)
          .execute(() -> mine.completeExceptionally(waitedTooLong(millis, null)));
    }
    return mine;
  }

  /**
   * Tells the caller's listener of the fetch it made; a listener that throws is logged, not thrown.
   */
  private void report(
      TokenFetchListener fetches, Instant start, boolean forced, RuntimeException failure) {
    if (fetches == TokenFetchListener.none()) {
      return;
    }
    try {
      fetches.tokenFetched(tokenUrl, Duration.between(start, clock.instant()), forced, failure);
    } catch (RuntimeException broken) {
      LOG.log(
          System.Logger.Level.WARNING,
          () ->
              "TokenFetchListener "
                  + fetches.getClass().getName()
                  + " threw; the token fetch goes on",
          broken);
    }
  }

  /** Drops the cached token if it is the one refused, so that the next call fetches a new one. */
  @Override
  public void invalidate(AccessToken rejected) {
    synchronized (lock) {
      if (cached != null && cached.value().equals(rejected.value())) {
        cached = null;
        renewAt = null;
        refused = true;
      }
    }
  }

  private AccessToken await(CompletableFuture<AccessToken> flight, Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    try {
      return flight.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw waitedTooLong(millis, e);
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw TransportException.notSent("fetching an access token failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TransportException.notSent(
          "interrupted while waiting for an access token; the request was not sent", e);
    }
  }

  private void settle(CompletableFuture<AccessToken> flight, AccessToken token, Throwable failure) {
    synchronized (lock) {
      if (token != null) {
        cached = token;
        renewAt = token.expiresAt().map(this::renewTime).orElse(null);
      }
      if (inFlight == flight) {
        inFlight = null;
      }
    }
    if (token != null) {
      flight.complete(token);
    } else {
      flight.completeExceptionally(unwrap(failure));
    }
  }

  private Instant renewTime(Instant expiresAt) {
    Duration lifetime = Duration.between(clock.instant(), expiresAt);
    Duration skew = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(10);
    return expiresAt.minus(skew.compareTo(MAX_SKEW) > 0 ? MAX_SKEW : skew);
  }

  private AccessToken freshLocked() {
    if (cached == null) {
      return null;
    }
    return renewAt == null || clock.instant().isBefore(renewAt) ? cached : null;
  }

  private static TransportException waitedTooLong(long millis, Throwable cause) {
    return TransportException.notSent(
        "fetching an access token timed out after "
            + millis
            + " ms, the time this attempt had, while another call was fetching it; the request was not sent",
        cause);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Returns the grant's settings, with the secret redacted. */
  @Override
  public String toString() {
    return "CachingTokenProvider{" + grant + "}";
  }
}
