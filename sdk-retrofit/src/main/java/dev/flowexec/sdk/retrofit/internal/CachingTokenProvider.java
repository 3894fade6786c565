package dev.flowexec.sdk.retrofit.internal;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.errors.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Caches a {@link TokenSource}'s token until shortly before it expires, and fetches with a single
 * flight: however many callers find the cache empty at once, one fetch runs and all of them get
 * its token (or its failure; a failure is not cached).
 *
 * <p>A token is renewed {@code min(30 s, 10 % of its lifetime)} before it expires, so a 60-second
 * token is renewed after 54 seconds; a token without {@code expires_in} is kept until the service
 * refuses it ({@link #invalidate}). The caller that starts a fetch gives it its own timeout; a
 * caller that joins waits at most its own timeout. Cancelling the future {@link #tokenAsync}
 * returned leaves the shared fetch running for the others. Not public API.
 */
public final class CachingTokenProvider implements AccessTokenProvider {
  /** The most a token is renewed before it expires. */
  public static final Duration MAX_SKEW = Duration.ofSeconds(30);

  private final TokenSource source;
  private final Clock clock;
  private final Object lock = new Object();
  private AccessToken cached;
  private Instant renewAt;
  private CompletableFuture<AccessToken> inFlight;

  /**
   * Creates the provider.
   *
   * @param source where tokens come from
   * @param clock the clock expiry is measured against
   */
  public CachingTokenProvider(TokenSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  @Override
  public AccessToken token(Duration timeout) {
    CompletableFuture<AccessToken> flight;
    boolean leader = false;
    synchronized (lock) {
      AccessToken fresh = freshLocked();
      if (fresh != null) {
        return fresh;
      }
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        leader = true;
      }
      flight = inFlight;
    }
    if (!leader) {
      return await(flight, timeout);
    }
    try {
      AccessToken token = source.fetch(timeout);
      settle(flight, token, null);
      return token;
    } catch (RuntimeException | Error failure) {
      settle(flight, null, failure);
      throw failure;
    }
  }

  @Override
  public CompletableFuture<AccessToken> tokenAsync(Duration timeout) {
    CompletableFuture<AccessToken> flight;
    boolean leader = false;
    synchronized (lock) {
      AccessToken fresh = freshLocked();
      if (fresh != null) {
        return CompletableFuture.completedFuture(fresh);
      }
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        leader = true;
      }
      flight = inFlight;
    }
    if (leader) {
      try {
        source.fetchAsync(timeout).whenComplete((token, failure) -> settle(flight, token, failure));
      } catch (RuntimeException failure) {
        settle(flight, null, failure);
      }
    }
    // Each caller gets its own future, so that cancelling it leaves the shared fetch alone.
    CompletableFuture<AccessToken> mine = new CompletableFuture<>();
    flight.whenComplete((token, failure) -> {
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

  @Override
  public void invalidate(AccessToken rejected) {
    synchronized (lock) {
      if (cached != null && cached.value().equals(rejected.value())) {
        cached = null;
        renewAt = null;
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
      throw new TransportException("fetching an access token failed: " + cause, false, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while waiting for an access token; the request was not sent", false, e);
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
    return new TransportException("fetching an access token timed out after " + millis
        + " ms, the time this attempt had, while another call was fetching it; the request was not sent", false, cause);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Override
  public String toString() {
    return "CachingTokenProvider{" + source + "}";
  }
}
