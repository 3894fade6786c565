package dev.flowexec.sdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.TokenFetchListener;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Caching, single flight and invalidation, over a scripted {@link TokenEndpoint} (the HTTP side is
 * tested against real servers in sdk-retrofit and sdk-idp-tests).
 */
class CachingTokenProviderTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Answers queued responses; async posts stay pending until completed by the test. */
  private static class ScriptedEndpoint implements TokenEndpoint {
    final AtomicInteger posts = new AtomicInteger();
    final Deque<Object> results = new ArrayDeque<>();
    final Deque<CompletableFuture<TokenHttpResponse>> pending = new ArrayDeque<>();
    TokenRequest last;

    @Override
    public TokenHttpResponse post(TokenRequest request, Duration timeout) {
      posts.incrementAndGet();
      last = request;
      Object next = results.poll();
      if (next instanceof RuntimeException) {
        throw (RuntimeException) next;
      }
      return (TokenHttpResponse) next;
    }

    @Override
    public CompletableFuture<TokenHttpResponse> postAsync(TokenRequest request, Duration timeout) {
      posts.incrementAndGet();
      CompletableFuture<TokenHttpResponse> future = new CompletableFuture<>();
      pending.add(future);
      return future;
    }
  }

  private final ScriptedEndpoint endpoint = new ScriptedEndpoint();
  private final ClientCredentials credentials =
      ClientCredentials.builder()
          .tokenUrl("https://login.example.com/token")
          .clientId("client-1")
          .clientSecret("s3cret-value")
          .build();
  private final CachingTokenProvider provider =
      CachingTokenProvider.clientCredentials(
          credentials, endpoint, Clock.fixed(NOW, ZoneOffset.UTC));

  private static TokenHttpResponse token(String value, String extra) {
    return TokenHttpResponse.of(
        200,
        Map.of("Content-Type", "application/json"),
        ("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\"" + extra + "}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void failureIsNotCached() {
    endpoint.results.add(
        TokenHttpResponse.of(
            401, Map.of(), "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8)));
    endpoint.results.add(token("t2", ",\"expires_in\":3600"));

    assertThatThrownBy(() -> provider.token(TIMEOUT))
        .isExactlyInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_client");
    assertThat(provider.token(TIMEOUT).value()).isEqualTo("t2");
    assertThat(endpoint.posts).hasValue(2);
  }

  @Test
  void aTokenCarriesItsExpiryAndGrantedScopes() {
    endpoint.results.add(token("t1", ",\"expires_in\":60,\"scope\":\"flow:execute profile\""));

    AccessToken token = provider.token(TIMEOUT);

    assertThat(token.expiresAt()).contains(NOW.plusSeconds(60));
    assertThat(token.grantedScopes())
        .hasValueSatisfying(s -> assertThat(s).containsExactly("flow:execute", "profile"));
    assertThat(endpoint.last.uri()).hasToString("https://login.example.com/token");
  }

  @Test
  void invalidatingAnOldTokenKeepsTheCurrentOne() {
    endpoint.results.add(token("t1", ",\"expires_in\":3600"));
    provider.token(TIMEOUT);

    provider.invalidate(AccessToken.of("t0"));
    assertThat(provider.token(TIMEOUT).value()).isEqualTo("t1");

    endpoint.results.add(token("t2", ",\"expires_in\":3600"));
    provider.invalidate(AccessToken.of("t1"));
    assertThat(provider.token(TIMEOUT).value()).isEqualTo("t2");
    assertThat(endpoint.posts).hasValue(2);
  }

  @Test
  void tokenWithoutExpiryIsKeptUntilInvalidated() {
    endpoint.results.add(token("forever", ""));

    provider.token(TIMEOUT);
    provider.token(TIMEOUT);

    assertThat(endpoint.posts).hasValue(1);
  }

  @Test
  void asyncCallersShareOneFetchAndCancellingOneLeavesTheOthers() throws Exception {
    CompletableFuture<AccessToken> first = provider.tokenAsync(TIMEOUT);
    CompletableFuture<AccessToken> second = provider.tokenAsync(TIMEOUT);
    CompletableFuture<AccessToken> third = provider.tokenAsync(TIMEOUT);

    second.cancel(true);
    endpoint.pending.poll().complete(token("shared", ",\"expires_in\":3600"));

    assertThat(endpoint.posts).hasValue(1);
    assertThat(first.get(1, TimeUnit.SECONDS).value()).isEqualTo("shared");
    assertThat(third.get(1, TimeUnit.SECONDS).value()).isEqualTo("shared");
    assertThat(provider.tokenAsync(TIMEOUT).get(1, TimeUnit.SECONDS).value()).isEqualTo("shared");
  }

  @Test
  void joinerGivesUpAfterItsOwnTimeout() {
    CompletableFuture<AccessToken> leader = provider.tokenAsync(TIMEOUT);
    CompletableFuture<AccessToken> joiner = provider.tokenAsync(Duration.ofMillis(50));

    assertThat(joiner)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(TransportException.class)
        .withMessageContaining("timed out after 50 ms");
    assertThat(leader).isNotDone();
  }

  @Test
  void blockingJoinerGivesUpAfterItsOwnTimeout() {
    provider.tokenAsync(TIMEOUT); // a fetch that never ends

    assertThatThrownBy(() -> provider.token(Duration.ofMillis(50)))
        .isExactlyInstanceOf(TransportException.class)
        .hasMessageContaining("timed out after 50 ms");
  }

  @Test
  void noTimeLeftSendsNothing() {
    assertThatThrownBy(() -> provider.token(Duration.ZERO))
        .isExactlyInstanceOf(TransportException.class)
        .hasMessageContaining("the request was not sent");
    assertThat(endpoint.posts).hasValue(0);
  }

  @Test
  void transportFailuresOfTheEndpointPassThrough() {
    endpoint.results.add(TransportException.notSent("connection refused", null));

    assertThatThrownBy(() -> provider.token(TIMEOUT))
        .isExactlyInstanceOf(TransportException.class)
        .hasMessage("connection refused");
  }

  /** What a TokenFetchListener heard, one line per fetch. */
  private static final class Fetches implements TokenFetchListener {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void tokenFetched(
        URI tokenUrl, Duration elapsed, boolean forcedRefresh, RuntimeException failure) {
      heard.add(
          tokenUrl
              + " "
              + elapsed.toMillis()
              + " ms"
              + (forcedRefresh ? " forced" : "")
              + (failure == null ? " ok" : " " + failure.getClass().getSimpleName()));
    }
  }

  /** A clock that the scripted endpoint moves on by 40 ms per post, to measure fetches by. */
  private static final class SteppingClock extends Clock {
    volatile Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("fixed to UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void eachFetchIsReportedOnceWithItsDurationAndACachedTokenIsNot() {
    SteppingClock clock = new SteppingClock();
    ScriptedEndpoint stepping =
        new ScriptedEndpoint() {
          @Override
          public TokenHttpResponse post(TokenRequest request, Duration timeout) {
            clock.now = clock.now.plusMillis(40);
            return super.post(request, timeout);
          }
        };
    CachingTokenProvider timed =
        CachingTokenProvider.clientCredentials(credentials, stepping, clock);
    stepping.results.add(token("t1", ",\"expires_in\":3600"));
    stepping.results.add(token("t2", ",\"expires_in\":3600"));
    stepping.results.add(
        TokenHttpResponse.of(
            401, Map.of(), "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8)));
    Fetches fetches = new Fetches();

    timed.token(TIMEOUT, fetches);
    timed.token(TIMEOUT, fetches); // cached: no fetch, nothing told
    timed.invalidate(AccessToken.of("t1"));
    assertThat(timed.token(TIMEOUT, fetches).value()).isEqualTo("t2");
    timed.invalidate(AccessToken.of("t2"));
    assertThatThrownBy(() -> timed.token(TIMEOUT, fetches))
        .isExactlyInstanceOf(AuthenticationException.class);

    assertThat(fetches.heard)
        .containsExactly(
            "https://login.example.com/token 40 ms ok",
            "https://login.example.com/token 40 ms forced ok",
            "https://login.example.com/token 40 ms forced AuthenticationException");
    assertThat(stepping.posts).hasValue(3);
  }

  @Test
  void aForcedRefreshIsForcedOnceAndOnlyWhenTheCachedTokenWasDropped() {
    endpoint.results.add(token("t1", ",\"expires_in\":3600"));
    endpoint.results.add(token("t2", ",\"expires_in\":3600"));
    endpoint.results.add(TransportException.notSent("connection refused", null));
    Fetches fetches = new Fetches();
    provider.token(TIMEOUT, fetches);

    provider.invalidate(AccessToken.of("t0")); // not the cached one: kept, nothing forced
    provider.token(TIMEOUT, fetches);
    provider.invalidate(AccessToken.of("t1"));
    provider.token(TIMEOUT, fetches);
    provider.invalidate(AccessToken.of("t2"));
    assertThatThrownBy(() -> provider.token(TIMEOUT, fetches))
        .isExactlyInstanceOf(TransportException.class);

    assertThat(fetches.heard)
        .containsExactly(
            "https://login.example.com/token 0 ms ok",
            "https://login.example.com/token 0 ms forced ok",
            "https://login.example.com/token 0 ms forced TransportException");
  }

  @Test
  void anAsyncFetchIsReportedToItsLeaderAloneAndAJoinerHearsNothing() throws Exception {
    Fetches leader = new Fetches();
    Fetches joiner = new Fetches();
    CompletableFuture<AccessToken> first = provider.tokenAsync(TIMEOUT, leader);
    CompletableFuture<AccessToken> second = provider.tokenAsync(TIMEOUT, joiner);
    assertThat(leader.heard).isEmpty();

    endpoint.pending.remove().complete(token("t1", ",\"expires_in\":3600"));

    assertThat(first.get(1, TimeUnit.SECONDS).value()).isEqualTo("t1");
    assertThat(second.get(1, TimeUnit.SECONDS).value()).isEqualTo("t1");
    assertThat(leader.heard).containsExactly("https://login.example.com/token 0 ms ok");
    assertThat(joiner.heard).isEmpty();
    assertThat(endpoint.posts).hasValue(1);
  }

  @Test
  void aListenerThatThrowsBreaksNoFetch() {
    endpoint.results.add(token("t1", ",\"expires_in\":3600"));

    AccessToken token =
        provider.token(
            TIMEOUT,
            (url, elapsed, forced, failure) -> {
              throw new IllegalStateException("broken listener");
            });

    assertThat(token.value()).isEqualTo("t1");
    assertThat(provider.token(TIMEOUT).value()).isEqualTo("t1");
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(provider.toString())
        .contains("client-1")
        .contains("<redacted>")
        .doesNotContain("s3cret-value");
    assertThat(credentials.tokenRequest().toString())
        .doesNotContain("s3cret-value")
        .doesNotContain(credentials.basicAuthorization().substring(6));
  }
}
