package dev.flowexec.sdk.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.ClientAuthMethod;
import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.examples.HttpClientTokenEndpoint;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client-credentials grant against navikt's mock-oauth2-server, in-process: a full token URL,
 * both client authentication methods, a granted {@code scope} present or absent, short-lived tokens
 * renewed before they expire, and one token request for 32 concurrent first calls. Calls go to a
 * loopback API that verifies the server's signed tokens.
 */
class MockOAuth2ServerTest {
  private static final String ISSUER = "flows";
  private static final String CLIENT_ID = "orders-service";
  private static final String SECRET = "mock: %+ é€ secret";
  private static final String SCOPES = "flow:execute flow:execution:read";

  private static MockOAuth2Server idp;
  private static BearerApi api;
  private static String tokenUrl;

  private final List<FlowTransport> transports = new ArrayList<>();
  private final Texts texts = new Texts();

  @BeforeAll
  static void start() throws Exception {
    idp = new MockOAuth2Server(new OAuth2Config(), new ScopelessTokenRoute());
    idp.start(InetAddress.getLoopbackAddress(), 0);
    tokenUrl = idp.tokenEndpointUrl(ISSUER).toString();
    api = new BearerApi(idp.jwksUrl(ISSUER).toString());
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() {
    while (poll(10) != null) {
      // drained
    }
    api.tokens.clear();
    api.claims.clear();
  }

  @AfterEach
  void closeTransports() throws Exception {
    for (FlowTransport transport : transports) {
      texts.record(transport);
      transport.close();
    }
    texts.assertNoSecret(CLIENT_ID, SECRET, api.tokens);
  }

  /** The provider's next token carries {@code scope} in its claims and lives {@code seconds}. */
  private static void nextToken(String scope, long seconds) {
    idp.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER, CLIENT_ID, "JWT", List.of("flows-api"), Map.of("scope", scope), seconds));
  }

  private RetrofitTransport retrofit(ClientAuthMethod method, String... scopes) {
    RetrofitTransport.Builder builder =
        RetrofitTransport.builder()
            .baseUrl(api.baseUrl())
            .credentials(CLIENT_ID, SECRET)
            .tokenUrl(tokenUrl)
            .clientAuthMethod(method);
    if (scopes.length > 0) {
      builder.scopes(scopes);
    }
    RetrofitTransport transport = builder.build();
    transports.add(transport);
    return transport;
  }

  private static LaunchRequest request() {
    return LaunchRequest.builder()
        .flowId("abc-123")
        .participants(Participant.of("user-456", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .build();
  }

  private static List<RecordedRequest> tokenRequests() {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r = poll(200); r != null; r = poll(200)) {
      if (r.getPath() != null && r.getPath().contains("/token")) {
        requests.add(r);
      }
    }
    return requests;
  }

  /** The server's next recorded request, or null when none came within {@code millis}. */
  private static RecordedRequest poll(long millis) {
    try {
      return idp.takeRequest(millis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException none) { // mock-oauth2-server throws instead of returning null
      return null;
    }
  }

  private static String form(RecordedRequest request) {
    return URLDecoder.decode(request.getBody().readUtf8(), StandardCharsets.UTF_8);
  }

  @Test
  void clientSecretBasicLaunchesAndGetsWithTheProvidersToken() throws Exception {
    nextToken(SCOPES, 300);
    RetrofitTransport transport = retrofit(ClientAuthMethod.CLIENT_SECRET_BASIC);

    FlowExecution launched = transport.launch(request(), CallOptions.defaults()).execution();
    FlowExecution got =
        transport.get(launched.flowExecutionId(), CallOptions.defaults()).execution();

    assertThat(got.flowExecutionId()).isEqualTo(launched.flowExecutionId());
    List<RecordedRequest> requests = tokenRequests();
    assertThat(requests).hasSize(1);
    RecordedRequest token = requests.get(0);
    assertThat(token.getPath()).isEqualTo("/" + ISSUER + "/token");
    String basic =
        new String(
            Base64.getDecoder()
                .decode(token.getHeader("Authorization").substring("Basic ".length())),
            StandardCharsets.UTF_8);
    assertThat(basic)
        .isEqualTo(
            URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
                + ":"
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
    assertThat(form(token))
        .contains("grant_type=client_credentials")
        .contains("scope=" + SCOPES)
        .doesNotContain("client_secret");
    assertThat(api.tokens).hasSize(2).allMatch(t -> t.equals(api.tokens.get(0)));
    assertThat(api.claims.get(api.claims.size() - 1).getSubject()).isEqualTo(CLIENT_ID);
  }

  @Test
  void clientSecretPostSendsTheCredentialsInTheForm() throws Exception {
    nextToken(SCOPES, 300);
    RetrofitTransport transport = retrofit(ClientAuthMethod.CLIENT_SECRET_POST);

    transport.launch(request(), CallOptions.defaults());

    RecordedRequest token = tokenRequests().get(0);
    assertThat(token.getHeader("Authorization")).isNull();
    assertThat(form(token)).contains("client_id=" + CLIENT_ID).contains("client_secret=" + SECRET);
    assertThat(api.tokens).hasSize(1);
  }

  @Test
  void theExamplesTransportUsesTheSameProvider() throws Exception {
    nextToken(SCOPES, 300);
    HttpClientTransport transport =
        new HttpClientTransport(
            URI.create(api.baseUrl()),
            HttpClientTokenEndpoint.clientCredentials(
                ClientCredentials.builder()
                    .tokenUrl(tokenUrl)
                    .clientId(CLIENT_ID)
                    .clientSecret(SECRET)
                    .authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                    .build()));
    transports.add(transport);

    FlowExecution launched = transport.launch(request(), CallOptions.defaults()).execution();
    transport.get(launched.flowExecutionId(), CallOptions.defaults());

    assertThat(tokenRequests()).hasSize(1);
    assertThat(api.tokens).hasSize(2);
  }

  @Test
  void aGrantedScopeInTheResponseIsCheckedBeforeSending() throws Exception {
    nextToken("flow:execution:read", 300);
    RetrofitTransport reader =
        retrofit(ClientAuthMethod.CLIENT_SECRET_BASIC, "flow:execution:read");

    InsufficientScopeException refused =
        texts.record(
            catchThrowableOfType(
                InsufficientScopeException.class,
                () -> reader.launch(request(), CallOptions.defaults())));
    reader.get("some-execution", CallOptions.defaults());

    assertThat(refused.statusCode()).as("refused before sending").isZero();
    assertThat(refused.grantedScopes()).containsExactly("flow:execution:read");
    assertThat(refused.getMessage()).contains("the token has flow:execution:read");
    assertThat(api.tokens).as("only the get was sent").hasSize(1);
  }

  @Test
  void aResponseWithoutScopeMeansTheRequestedScopesWereGranted() throws Exception {
    RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl(api.baseUrl())
            .credentials(CLIENT_ID, SECRET)
            .tokenUrl(idp.url(ScopelessTokenRoute.PATH).toString())
            .build();
    transports.add(transport);

    FlowExecution launched = transport.launch(request(), CallOptions.defaults()).execution();
    transport.get(launched.flowExecutionId(), CallOptions.defaults());

    assertThat(tokenRequests()).hasSize(1);
    assertThat(api.tokens).hasSize(2);
    assertThat(api.claims.get(0).getIssuer()).isEqualTo(idp.issuerUrl(ISSUER).toString());
  }

  /**
   * A token endpoint on the same server, through its own extension point (an additional route),
   * whose answer has no {@code scope}: the server's own endpoint always echoes the requested one.
   */
  static final class ScopelessTokenRoute implements Route {
    static final String PATH = "/" + ISSUER + "/token-without-scope";

    @Override
    public boolean match(OAuth2HttpRequest request) {
      return request.getUrl().encodedPath().equals(PATH);
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
      String token =
          idp.issueToken(
                  ISSUER,
                  CLIENT_ID,
                  new DefaultOAuth2TokenCallback(
                      ISSUER, CLIENT_ID, "JWT", List.of("flows-api"), Map.of("scope", SCOPES), 300))
              .serialize();
      return new OAuth2HttpResponse(
          Headers.of("Content-Type", "application/json"),
          200,
          "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}",
          null);
    }
  }

  @Test
  void shortLivedTokensAreRenewedBeforeTheyExpire() throws Exception {
    nextToken(SCOPES, 3);
    nextToken(SCOPES, 3);
    RetrofitTransport transport = retrofit(ClientAuthMethod.CLIENT_SECRET_BASIC);

    transport.launch(request(), CallOptions.defaults());
    transport.launch(request(), CallOptions.defaults());
    Thread.sleep(2_800); // past 90 % of the 3-second lifetime, before its end
    transport.launch(request(), CallOptions.defaults());

    assertThat(tokenRequests()).hasSize(2);
    assertThat(api.tokens).hasSize(3);
    assertThat(api.tokens.get(1)).isEqualTo(api.tokens.get(0));
    assertThat(api.tokens.get(2)).isNotEqualTo(api.tokens.get(1));
    assertThat(api.claims).hasSize(3); // every one verified: none was sent expired
  }

  @Test
  void thirtyTwoConcurrentFirstCallsShareOneTokenRequest() throws Exception {
    nextToken(SCOPES, 300);
    RetrofitTransport transport = retrofit(ClientAuthMethod.CLIENT_SECRET_BASIC);
    FlowExecutionsClient client =
        FlowExecutionsClient.builder().transport(transport).retryPolicy(RetryPolicy.none()).build();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<FlowExecution>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  return client.launch(request());
                }));
      }
      List<CompletableFuture<FlowExecution>> async = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        async.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return transport
                      .launchAsync(request(), CallOptions.defaults())
                      .join()
                      .execution();
                },
                pool));
      }
      start.countDown();
      for (Future<FlowExecution> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
      for (CompletableFuture<FlowExecution> call : async) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(tokenRequests()).hasSize(1);
    assertThat(api.tokens).hasSize(32);
    assertThat(new HashSet<>(api.tokens)).hasSize(1);
  }

  @Test
  void theExamplesTransportRenewsShortLivedTokensToo() throws Exception {
    nextToken(SCOPES, 2);
    nextToken(SCOPES, 2);
    HttpClientTransport transport =
        new HttpClientTransport(
            URI.create(api.baseUrl()),
            HttpClientTokenEndpoint.clientCredentials(
                ClientCredentials.builder()
                    .tokenUrl(tokenUrl)
                    .clientId(CLIENT_ID)
                    .clientSecret(SECRET)
                    .build()));
    transports.add(transport);

    transport.launch(request(), CallOptions.ofTimeout(Duration.ofSeconds(10)));
    Thread.sleep(1_900);
    transport.launch(request(), CallOptions.ofTimeout(Duration.ofSeconds(10)));

    assertThat(tokenRequests()).hasSize(2);
    assertThat(api.claims).hasSize(2);
    assertThat(api.tokens.get(1)).isNotEqualTo(api.tokens.get(0));
  }
}
