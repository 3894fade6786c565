package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client credentials, token caching and renewal, scope fail-fast and the one retry after 401. */
class RetrofitTransportAuthTest {
  private static final String SECRET = "s3cr:t/+é secret";

  private final MockWebServer server = new MockWebServer();
  private final FakeService service = new FakeService();
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private RetrofitTransport transport;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(service);
    server.start();
    transport = credentialsTransport();
  }

  private RetrofitTransport credentialsTransport() {
    return RetrofitTransport.builder()
        .baseUrl(server.url("/").toString())
        .credentials("my client", SECRET)
        .clock(clock)
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    service.releaseTokens();
    transport.close();
    server.shutdown();
  }

  private FlowExecution launch() {
    return transport.launch(Fixtures.launchRequest(), CallOptions.defaults()).execution();
  }

  @Test
  void tokenRequestFollowsRfc6749() throws Exception {
    service.token(Fixtures.token("token-1", 3600, "flow:execute flow:execution:read"));

    launch();

    RecordedRequest tokenRequest = service.tokenRecorded.get(0);
    assertThat(tokenRequest.getMethod()).isEqualTo("POST");
    assertThat(tokenRequest.getPath()).isEqualTo("/oauth/token");
    assertThat(tokenRequest.getHeader("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    String basic = tokenRequest.getHeader("Authorization");
    assertThat(basic).startsWith("Basic ");
    String decoded =
        new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo("my+client:s3cr%3At%2F%2B%C3%A9+secret");
    String form = URLDecoder.decode(tokenRequest.getBody().readUtf8(), StandardCharsets.UTF_8);
    assertThat(form)
        .isEqualTo("grant_type=client_credentials&scope=flow:execute flow:execution:read");
    assertThat(service.apiRecorded.get(0).getHeader("Authorization")).isEqualTo("Bearer token-1");
  }

  @Test
  void tokenIsCachedAcrossCalls() {
    service.token(Fixtures.token("token-1", 3600, null));

    launch();
    launch();
    transport.get("abc", CallOptions.defaults());

    assertThat(service.tokenRequests).hasValue(1);
    assertThat(service.apiRequests).hasValue(3);
    assertThat(service.apiRecorded)
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer token-1"));
  }

  @Test
  void tokenIsRenewedShortlyBeforeItExpires() {
    service
        .token(Fixtures.token("token-1", 3600, null))
        .token(Fixtures.token("token-2", 3600, null));

    launch();
    clock.advance(Duration.ofSeconds(3600 - 31));
    launch();
    assertThat(service.tokenRequests).as("31 s before expiry the token is still used").hasValue(1);

    clock.advance(Duration.ofSeconds(2));
    launch();

    assertThat(service.tokenRequests).as("within 30 s of expiry it is renewed").hasValue(2);
    assertThat(service.apiRecorded.get(2).getHeader("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void shortLivedTokensUseAShorterSkew() {
    service.token(Fixtures.token("token-1", 60, null)).token(Fixtures.token("token-2", 60, null));

    launch();
    clock.advance(Duration.ofSeconds(53));
    launch();
    assertThat(service.tokenRequests).hasValue(1);

    clock.advance(Duration.ofSeconds(1)); // 54 s: 10 % of 60 s before expiry
    launch();
    assertThat(service.tokenRequests).hasValue(2);
  }

  @Test
  void concurrentAsyncCallersShareOneTokenRequest() throws Exception {
    service.holdTokens().token(Fixtures.token("token-1", 3600, null));
    List<CompletableFuture<TransportResponse>> launches = new ArrayList<>();

    for (int i = 0; i < 8; i++) {
      launches.add(transport.launchAsync(Fixtures.launchRequest(), CallOptions.defaults()));
    }
    assertThat(service.tokenRequested.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(launches)
        .noneMatch(CompletableFuture::isDone); // all arrived while the token was on its way
    service.releaseTokens();
    CompletableFuture.allOf(launches.toArray(new CompletableFuture<?>[0]))
        .get(10, TimeUnit.SECONDS);

    assertThat(service.tokenRequests).hasValue(1);
    assertThat(service.apiRequests).hasValue(8);
  }

  @Test
  void concurrentBlockingCallersShareOneTokenRequest() throws Exception {
    service.holdTokens().token(Fixtures.token("token-1", 3600, null));
    int callers = 8;
    List<Thread> threads = new ArrayList<>();
    AtomicInteger succeeded = new AtomicInteger();
    for (int i = 0; i < callers; i++) {
      Thread thread =
          new Thread(
              () -> {
                launch();
                succeeded.incrementAndGet();
              });
      threads.add(thread);
      thread.start();
    }
    assertThat(service.tokenRequested.await(5, TimeUnit.SECONDS)).isTrue();
    // Wait until all callers but the leader (reading its socket, so RUNNABLE) wait for the leader's
    // token.
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (threads.stream()
                .filter(
                    t ->
                        t.getState() == Thread.State.WAITING
                            || t.getState() == Thread.State.TIMED_WAITING)
                .count()
            < callers - 1
        && System.nanoTime() < giveUp) {
      Thread.sleep(1);
    }
    service.releaseTokens();
    for (Thread thread : threads) {
      thread.join(10_000);
    }

    assertThat(succeeded).hasValue(callers);
    assertThat(service.tokenRequests).hasValue(1);
    assertThat(service.apiRequests).hasValue(callers);
  }

  @Test
  void scopeIsCheckedBeforeAnyApiCall() {
    service.token(Fixtures.token("token-1", 3600, "flow:read"));

    InsufficientScopeException e =
        catchThrowableOfType(InsufficientScopeException.class, this::launch);

    assertThat(e.statusCode()).isZero();
    assertThat(e.errorCode()).isEqualTo("insufficient_scope");
    assertThat(e.grantedScopes()).containsExactly("flow:read");
    assertThat(e.requiredScopes())
        .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
    assertThat(service.apiRequests).as("the API received no request").hasValue(0);
  }

  @Test
  void scopeFailFastWithAProviderSendsNothingAtAll() throws Exception {
    AccessToken readOnly =
        AccessToken.builder()
            .value("read-only-token")
            .grantedScopes(Set.of("flow:execution:read"))
            .build();
    try (RetrofitTransport withProvider =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .tokenProvider(AccessTokenProvider.of(readOnly))
            .build()) {

      assertThat(
              catchThrowableOfType(
                  InsufficientScopeException.class,
                  () -> withProvider.launch(Fixtures.launchRequest(), CallOptions.defaults())))
          .isNotNull();
      assertThat(withProvider.launchAsync(Fixtures.launchRequest(), CallOptions.defaults()))
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(InsufficientScopeException.class);
      assertThat(server.getRequestCount()).as("the server received zero requests").isZero();

      service.api(new MockResponse().setBody(Fixtures.executionJson("abc", "RUNNING")));
      assertThat(withProvider.get("abc", CallOptions.defaults()).execution().flowExecutionId())
          .as("reading is allowed")
          .isEqualTo("abc");
    }
  }

  private static MockResponse invalidToken() {
    return new MockResponse()
        .setResponseCode(401)
        .setHeader(
            "WWW-Authenticate",
            "Bearer realm=\"flows\", error=\"invalid_token\", error_description=\"expired\"")
        .setHeader("Content-Type", "application/json")
        .setBody(Fixtures.errorJson("invalid_token", "the token expired", "req_401"));
  }

  @Test
  void refusedTokenIsRenewedAndTheCallSentOnceMore() {
    service
        .token(Fixtures.token("token-1", 3600, null))
        .token(Fixtures.token("token-2", 3600, null));
    service.api(invalidToken()).api(Fixtures.created());

    FlowExecution execution = launch();

    assertThat(execution.flowExecutionId()).isEqualTo(Fixtures.EXECUTION_ID);
    assertThat(service.apiRequests).as("exactly two API requests").hasValue(2);
    assertThat(service.tokenRequests).as("one extra token request").hasValue(2);
    assertThat(service.apiRecorded.get(0).getHeader("Authorization")).isEqualTo("Bearer token-1");
    assertThat(service.apiRecorded.get(1).getHeader("Authorization")).isEqualTo("Bearer token-2");
    assertThat(service.apiRecorded.get(1).getHeader("Idempotency-Key"))
        .isEqualTo("\"" + Fixtures.EXECUTION_ID + "\"");
  }

  @Test
  void refusedTokenIsRenewedOnceAsyncToo() throws Exception {
    service
        .token(Fixtures.token("token-1", 3600, null))
        .token(Fixtures.token("token-2", 3600, null));
    service.api(invalidToken()).api(Fixtures.created());

    FlowExecution execution =
        transport
            .launchAsync(Fixtures.launchRequest(), CallOptions.defaults())
            .get(10, TimeUnit.SECONDS)
            .execution();

    assertThat(execution.flowExecutionId()).isEqualTo(Fixtures.EXECUTION_ID);
    assertThat(service.apiRequests).hasValue(2);
    assertThat(service.tokenRequests).hasValue(2);
  }

  @Test
  void secondRefusalIsFinal() {
    service
        .token(Fixtures.token("token-1", 3600, null))
        .token(Fixtures.token("token-2", 3600, null));
    service.api(invalidToken()).api(invalidToken()).api(Fixtures.created());

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, this::launch);

    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo("invalid_token");
    assertThat(e.requestId()).contains("req_401");
    assertThat(service.apiRequests).hasValue(2);
    assertThat(service.tokenRequests).hasValue(2);
  }

  @Test
  void providerOfferingTheSameTokenIsNotRetried() throws Exception {
    service.api(invalidToken());
    try (RetrofitTransport withProvider =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .tokenProvider(AccessTokenProvider.of("fixed"))
            .build()) {

      AuthenticationException e =
          catchThrowableOfType(
              AuthenticationException.class,
              () -> withProvider.launch(Fixtures.launchRequest(), CallOptions.defaults()));

      assertThat(e.errorCode()).isEqualTo("invalid_token");
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aRefusedProviderTokenIsExplainedAsTheProvidersSyncAndAsync() throws Exception {
    // The provider hands out "fixed" again after invalidate(): one request each, no second token.
    service.api(invalidToken()).api(invalidToken());
    try (RetrofitTransport withProvider =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .tokenProvider(AccessTokenProvider.of("fixed"))
            .build()) {

      AuthenticationException sync =
          catchThrowableOfType(
              AuthenticationException.class,
              () -> withProvider.launch(Fixtures.launchRequest(), CallOptions.defaults()));
      Throwable async =
          catchThrowable(
              () ->
                  withProvider
                      .launchAsync(Fixtures.launchRequest(), CallOptions.defaults())
                      .get(10, TimeUnit.SECONDS));

      for (Throwable refused : List.of(sync, async.getCause())) {
        assertThat(refused).isInstanceOf(AuthenticationException.class);
        assertThat(((AuthenticationException) refused).requestId()).contains("req_401");
        assertThat(refused.getMessage())
            .contains("The token from tokenProvider(...) was refused")
            .doesNotContain("client credentials");
      }
    }
  }

  @Test
  void aProviderWhoseInvalidateThrowsFailsTheAsyncAttemptInsteadOfLeavingItOpen() {
    service.api(invalidToken());
    AccessTokenProvider broken =
        new AccessTokenProvider() {
          @Override
          public AccessToken token(Duration timeout) {
            return AccessToken.of("token-1");
          }

          @Override
          public void invalidate(AccessToken rejected) {
            throw new IllegalStateException("the provider is broken");
          }
        };
    try (RetrofitTransport withProvider =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .tokenProvider(broken)
            .build()) {

      Throwable failure =
          catchThrowable(
              () ->
                  withProvider
                      .launchAsync(Fixtures.launchRequest(), CallOptions.defaults())
                      .get(10, TimeUnit.SECONDS));

      assertThat(failure).hasRootCauseMessage("the provider is broken");
    }
  }

  @Test
  void aSecondRefusalWithCredentialsPointsAtTheCredentials() {
    service
        .token(Fixtures.token("token-1", 3600, null))
        .token(Fixtures.token("token-2", 3600, null));
    service.api(invalidToken()).api(invalidToken());

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, this::launch);

    assertThat(e.getMessage())
        .contains("a fresh one from the token endpoint was refused too")
        .contains("check the client credentials")
        .doesNotContain("tokenProvider(...)");
  }

  @Test
  void serviceForbiddingIsNotRetried() {
    service.api(
        new MockResponse()
            .setResponseCode(403)
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"flow:execute\""));

    InsufficientScopeException e =
        catchThrowableOfType(InsufficientScopeException.class, this::launch);

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.requiredScopes()).containsExactly("flow:execute");
    assertThat(service.apiRequests).hasValue(1);
    assertThat(service.tokenRequests).hasValue(1);
  }

  @Test
  void invalidClientIsAnAuthenticationExceptionWithTheDescription() {
    service.tokenFallback(
        () ->
            new MockResponse()
                .setResponseCode(401)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-Request-Id", "req_tok")
                .setBody(
                    "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}"));

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, this::launch);

    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo("invalid_client");
    assertThat(e.requestId()).contains("req_tok");
    assertThat(e.getMessage())
        .contains("client authentication failed")
        .contains("my client")
        .doesNotContain(SECRET);
    assertThat(service.apiRequests).hasValue(0);
  }

  @Test
  void invalidScopeIsAnAuthenticationException() {
    service.tokenFallback(
        () ->
            new MockResponse()
                .setResponseCode(400)
                .setBody(
                    "{\"error\":\"invalid_scope\",\"error_description\":\"flow:execute is not allowed\"}"));

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, this::launch);

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("invalid_scope");
    assertThat(e.getMessage()).contains("flow:execute is not allowed");
  }

  @Test
  void failedTokenFetchIsNotCached() {
    service
        .token(new MockResponse().setResponseCode(400).setBody("{\"error\":\"invalid_request\"}"))
        .token(Fixtures.token("token-2", 3600, null));

    assertThat(catchThrowableOfType(AuthenticationException.class, this::launch).errorCode())
        .isEqualTo("invalid_request");
    launch();

    assertThat(service.tokenRequests).hasValue(2);
    assertThat(service.apiRecorded.get(0).getHeader("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void tokenEndpointServerErrorIsAServerException() {
    service.tokenFallback(
        () -> new MockResponse().setResponseCode(503).setHeader("Retry-After", "7"));

    ServerException e = catchThrowableOfType(ServerException.class, this::launch);

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.errorCode()).isEqualTo("unavailable");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.getMessage()).contains("token endpoint");
  }

  @Test
  void tokenEndpointRateLimitIsRateLimited() {
    service.tokenFallback(() -> new MockResponse().setResponseCode(429));

    assertThat(catchThrowableOfType(RateLimitedException.class, this::launch).statusCode())
        .isEqualTo(429);
  }

  @Test
  void tokenEndpointNotFoundSaysToCheckTheTokenUrl() {
    service.tokenFallback(
        () -> new MockResponse().setResponseCode(404).setBody("<html>not here</html>"));

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, this::launch);

    assertThat(e.errorCode()).isEqualTo("http_404");
    assertThat(e.getMessage()).contains("check tokenUrl (" + server.url("/oauth/token") + ")");
  }

  @Test
  void tokenResponseWithoutAccessTokenIsMalformed() {
    service.tokenFallback(
        () -> new MockResponse().setBody("{\"token_type\":\"Bearer\",\"expires_in\":3600}"));

    FlowApiException e = catchThrowableOfType(FlowApiException.class, this::launch);

    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("access_token");
  }

  @Test
  void unreachableTokenEndpointIsATransportFailureNotSent() throws IOException {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String deadUrl = closed.url("/").toString();
    closed.shutdown();
    try (RetrofitTransport unreachable =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .credentials("id", SECRET)
            .authBaseUrl(deadUrl)
            .build()) {

      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () -> unreachable.launch(Fixtures.launchRequest(), CallOptions.defaults()));

      assertThat(e.requestMayHaveBeenSent()).isFalse();
      assertThat(e.getMessage()).contains("fetching an access token").contains("not sent");
      assertThat(service.apiRequests).hasValue(0);
    }
  }

  @Test
  void authBaseUrlIsWhereTokensComeFrom() throws Exception {
    MockWebServer idp = new MockWebServer();
    idp.enqueue(Fixtures.token("idp-token", 3600, null));
    idp.start();
    try (RetrofitTransport separate =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .credentials("id", SECRET)
            .authBaseUrl(idp.url("/idp").toString())
            .scopes("flow:execute")
            .build()) {

      separate.launch(Fixtures.launchRequest(), CallOptions.defaults());

      RecordedRequest tokenRequest = idp.takeRequest();
      assertThat(tokenRequest.getPath()).isEqualTo("/idp/oauth/token");
      assertThat(URLDecoder.decode(tokenRequest.getBody().readUtf8(), StandardCharsets.UTF_8))
          .endsWith("scope=flow:execute");
      assertThat(service.tokenRequests).hasValue(0);
      assertThat(service.apiRecorded.get(0).getHeader("Authorization"))
          .isEqualTo("Bearer idp-token");
    } finally {
      idp.shutdown();
    }
  }
}
