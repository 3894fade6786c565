package dev.flowexec.sdk.retrofit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTokenProviderTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Hands out queued results; async fetches stay pending until completed by the test. */
  private static final class ScriptedSource implements TokenSource {
    final AtomicInteger fetches = new AtomicInteger();
    final Deque<Object> results = new ArrayDeque<>();
    final Deque<CompletableFuture<AccessToken>> pending = new ArrayDeque<>();

    @Override
    public AccessToken fetch(Duration timeout) {
      fetches.incrementAndGet();
      Object next = results.poll();
      if (next instanceof RuntimeException) {
        throw (RuntimeException) next;
      }
      return (AccessToken) next;
    }

    @Override
    public CompletableFuture<AccessToken> fetchAsync(Duration timeout) {
      fetches.incrementAndGet();
      CompletableFuture<AccessToken> future = new CompletableFuture<>();
      pending.add(future);
      return future;
    }
  }

  private final ScriptedSource source = new ScriptedSource();
  private final CachingTokenProvider provider = new CachingTokenProvider(source, Clock.fixed(NOW, ZoneOffset.UTC));

  private static AccessToken token(String value) {
    return AccessToken.builder().value(value).expiresAt(NOW.plusSeconds(3600)).build();
  }

  @Test
  void failureIsNotCached() {
    source.results.add(new AuthenticationException("refused", 401, "invalid_client", null));
    source.results.add(token("t2"));

    assertThatThrownBy(() -> provider.token(TIMEOUT)).isInstanceOf(AuthenticationException.class);
    assertThat(provider.token(TIMEOUT).value()).isEqualTo("t2");
    assertThat(source.fetches).hasValue(2);
  }

  @Test
  void invalidatingAnOldTokenKeepsTheCurrentOne() {
    source.results.add(token("t1"));
    provider.token(TIMEOUT);

    provider.invalidate(AccessToken.of("t0"));
    assertThat(provider.token(TIMEOUT).value()).isEqualTo("t1");

    source.results.add(token("t2"));
    provider.invalidate(AccessToken.of("t1"));
    assertThat(provider.token(TIMEOUT).value()).isEqualTo("t2");
    assertThat(source.fetches).hasValue(2);
  }

  @Test
  void tokenWithoutExpiryIsKeptUntilInvalidated() {
    source.results.add(AccessToken.of("forever"));

    provider.token(TIMEOUT);
    provider.token(TIMEOUT);

    assertThat(source.fetches).hasValue(1);
  }

  @Test
  void asyncCallersShareOneFetchAndCancellingOneLeavesTheOthers() throws Exception {
    CompletableFuture<AccessToken> first = provider.tokenAsync(TIMEOUT);
    CompletableFuture<AccessToken> second = provider.tokenAsync(TIMEOUT);
    CompletableFuture<AccessToken> third = provider.tokenAsync(TIMEOUT);

    second.cancel(true);
    source.pending.poll().complete(token("shared"));

    assertThat(source.fetches).hasValue(1);
    assertThat(first.get(1, TimeUnit.SECONDS).value()).isEqualTo("shared");
    assertThat(third.get(1, TimeUnit.SECONDS).value()).isEqualTo("shared");
    assertThat(provider.tokenAsync(TIMEOUT).get(1, TimeUnit.SECONDS).value()).isEqualTo("shared");
  }

  @Test
  void joinerGivesUpAfterItsOwnTimeout() {
    CompletableFuture<AccessToken> leader = provider.tokenAsync(TIMEOUT);
    CompletableFuture<AccessToken> joiner = provider.tokenAsync(Duration.ofMillis(50));

    assertThat(joiner).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
        .havingCause().isInstanceOf(TransportException.class).withMessageContaining("timed out after 50 ms");
    assertThat(leader).isNotDone();
  }

  @Test
  void blockingJoinerGivesUpAfterItsOwnTimeout() {
    provider.tokenAsync(TIMEOUT); // a fetch that never ends

    assertThatThrownBy(() -> provider.token(Duration.ofMillis(50)))
        .isInstanceOf(TransportException.class).hasMessageContaining("timed out after 50 ms");
  }
}
