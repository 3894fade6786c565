package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.ClientAuthMethod;
import dev.flowexec.sdk.auth.ScopeCheck;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.CallOptions;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint of any identity provider: a full token URL, both client authentication
 * methods, extra parameters, the scope check settings, and every way the endpoint fails, each typed
 * like the API's failures and retried (or not) by the client under its policy.
 */
class RetrofitTransportTokenEndpointTest {
  private static final String SECRET = "s3cr:t %+ é€ secret";
  private static final String TOKEN_PATH = "/realms/flows/protocol/openid-connect/token";

  private final MockWebServer server = new MockWebServer();
  private final FakeService service = new FakeService();
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<RetrofitTransport> transports = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(service);
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    service.releaseTokens();
    transports.forEach(RetrofitTransport::close);
    server.shutdown();
  }

  private RetrofitTransport.Builder builder() {
    return RetrofitTransport.builder()
        .baseUrl(server.url("/").toString())
        .credentials("my client", SECRET)
        .tokenUrl(server.url(TOKEN_PATH).toString())
        .clock(clock);
  }

  private RetrofitTransport transport(RetrofitTransport.Builder builder) {
    RetrofitTransport transport = builder.build();
    transports.add(transport);
    return transport;
  }

  private RetrofitTransport transport() {
    return transport(builder());
  }

  private FlowExecutionsClient client(RetrofitTransport transport) {
    return FlowExecutionsClient.builder()
        .transport(transport)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
        .sleeper(sleeps::add)
        .clock(clock)
        .build();
  }

  private void launch(RetrofitTransport transport) {
    transport.launch(Fixtures.launchRequest(), CallOptions.defaults());
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static String form(RecordedRequest request) {
    return request.getBody().readUtf8();
  }

  // --- where tokens come from, and how the client authenticates -----------------------------

  @Test
  void tokenUrlIsUsedAsIsWithBasicAuthenticationByDefault() {
    launch(transport());

    RecordedRequest token = service.tokenRecorded.get(0);
    assertThat(token.getPath()).isEqualTo(TOKEN_PATH);
    String basic =
        new String(
            Base64.getDecoder().decode(token.getHeader("Authorization").substring(6)),
            StandardCharsets.UTF_8);
    assertThat(basic)
        .isEqualTo(
            URLEncoder.encode("my client", StandardCharsets.UTF_8)
                + ":"
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
    assertThat(form(token)).doesNotContain("client_secret").doesNotContain("client_id");
  }

  @Test
  void clientSecretPostPutsTheCredentialsInTheBodyAndSendsNoAuthorization() {
    launch(transport(builder().clientAuthMethod(ClientAuthMethod.CLIENT_SECRET_POST)));

    RecordedRequest token = service.tokenRecorded.get(0);
    assertThat(token.getHeader("Authorization")).isNull();
    String body = URLDecoder.decode(form(token), StandardCharsets.UTF_8);
    assertThat(body)
        .contains("grant_type=client_credentials")
        .contains("client_id=my client")
        .contains("client_secret=" + SECRET);
  }

  @Test
  void extraParametersAreSentButCannotOverrideTheGrant() {
    launch(
        transport(
            builder()
                .tokenParameter("audience", "https://flows.example.com/api")
                .tokenParameter("resource", "api://flows")));

    String body = URLDecoder.decode(form(service.tokenRecorded.get(0)), StandardCharsets.UTF_8);
    assertThat(body)
        .startsWith("grant_type=client_credentials&scope=flow:execute flow:execution:read")
        .contains("&audience=https://flows.example.com/api")
        .contains("&resource=api://flows");

    for (String reserved : List.of("grant_type", "Client_Secret", "client_id", "scope")) {
      assertThatThrownBy(() -> builder().tokenParameter(reserved, "x").build())
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(
              "token parameter " + reserved + " is set by the SDK and cannot be overridden");
    }
  }

  @Test
  void tokenUrlIsValidatedLikeTheBaseUrl() {
    assertThatThrownBy(() -> builder().tokenUrl("http://login.example.com/token").build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenUrl")
        .hasMessageContaining("use https");
    assertThatThrownBy(() -> builder().tokenUrl("https://user:pw@login.example.com/token").build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user name or password")
        .hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> builder().tokenUrl("not a url").build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenUrl is not an http or https URL");
    assertThatThrownBy(() -> builder().authBaseUrl(server.url("/").toString()).build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both authBaseUrl and tokenUrl");
    assertThatThrownBy(
            () ->
                RetrofitTransport.builder()
                    .baseUrl(server.url("/").toString())
                    .accessToken("t")
                    .tokenUrl(server.url(TOKEN_PATH).toString())
                    .build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokenUrl is set but credentials");
  }

  // --- the scope check -----------------------------------------------------------------------

  @Test
  void providerScopeNamesWithoutConfigurationFailAtBuildSayingWhatToConfigure() {
    assertThatThrownBy(() -> builder().scopes("api://flows/.default").build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("api://flows/.default are not the contract's flow:* scopes")
        .hasMessageContaining("ScopeCheck.mapping(Map.of(\"api://flows/.default\"")
        .hasMessageContaining("ScopeCheck.off()");
  }

  @Test
  void aScopeMappingKeepsTheFailFast() {
    service.token(
        Fixtures.token("azure-1", 3600, null)); // Azure AD sends no scope: granted as requested
    RetrofitTransport transport =
        transport(
            builder()
                .scopes("api://flows/.default")
                .scopeCheck(
                    ScopeCheck.mapping(
                        Map.of("api://flows/.default", List.of("flow:execution:read")))));

    transport.get(Fixtures.EXECUTION_ID, CallOptions.defaults()); // read is mapped: sent
    InsufficientScopeException e =
        catchThrowableOfType(InsufficientScopeException.class, () -> launch(transport));

    assertThat(e.statusCode()).isZero();
    assertThat(e.getMessage()).contains("checked before sending").contains("api://flows/.default");
    assertThat(service.apiRequests).hasValue(1);
  }

  @Test
  void scopeCheckOffLetsTheServiceDecide() {
    service.token(Fixtures.token("azure-2", 3600, "profile"));
    service.api(Fixtures.error(403, "insufficient_scope", "needs flow:execute", "req_403"));
    RetrofitTransport transport =
        transport(builder().scopes("api://flows/.default").scopeCheck(ScopeCheck.off()));

    InsufficientScopeException e =
        catchThrowableOfType(InsufficientScopeException.class, () -> launch(transport));

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(service.apiRequests).hasValue(1);
  }

  @Test
  void grantedScopesWithoutAnyFlowScopeFailFastAndSayWhatToConfigure() {
    service.token(
        Fixtures.token("kc-1", 3600, "profile email")); // Keycloak left the optional scopes out

    InsufficientScopeException e =
        catchThrowableOfType(InsufficientScopeException.class, () -> launch(transport()));

    assertThat(e.statusCode()).isZero();
    assertThat(e.getMessage())
        .contains("the token has profile email")
        .contains("granted no flow:* scope")
        .contains("ScopeCheck.mapping")
        .contains("ScopeCheck.off()");
    assertThat(service.apiRequests).hasValue(0);
  }

  @Test
  void extraGrantedScopesAreIgnored() {
    service.token(Fixtures.token("kc-2", 3600, "profile flow:execute email"));

    launch(transport());

    assertThat(service.apiRecorded.get(0).getHeader("Authorization")).isEqualTo("Bearer kc-2");
  }

  // --- failures retried under the call's policy ----------------------------------------------

  @Test
  void serverErrorJsonIsAServerExceptionRetriedByTheClient() {
    service
        .token(json(500, "{\"error\":\"server_error\",\"error_description\":\"db down\"}"))
        .token(Fixtures.token("after-500", 3600, null));

    client(transport()).launch(Fixtures.launchRequest());

    assertThat(service.tokenRequests).hasValue(2);
    assertThat(service.apiRecorded.get(0).getHeader("Authorization")).isEqualTo("Bearer after-500");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void serverErrorIsTypedWithItsCodeAndDescription() {
    service.tokenFallback(
        () -> json(500, "{\"error\":\"server_error\",\"error_description\":\"db down\"}"));

    ServerException e = catchThrowableOfType(ServerException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(ServerException.class);
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.errorCode()).isEqualTo("server_error");
    assertThat(e.getMessage())
        .contains("the token endpoint " + server.url(TOKEN_PATH) + " answered 500")
        .contains("db down")
        .contains("the identity provider is failing")
        .doesNotContain("credentials");
  }

  @Test
  void temporarilyUnavailableHonoursRetryAfter() {
    service.tokenFallback(
        () -> json(503, "{\"error\":\"temporarily_unavailable\"}").setHeader("Retry-After", "2"));

    ServerException e =
        catchThrowableOfType(
            ServerException.class, () -> client(transport()).launch(Fixtures.launchRequest()));

    assertThat(e).isExactlyInstanceOf(ServerException.class);
    assertThat(e.errorCode()).isEqualTo("temporarily_unavailable");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(e.getMessage()).contains("answered 503").contains("temporarily_unavailable");
    assertThat(service.tokenRequests).as("three attempts").hasValue(3);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(service.apiRequests).hasValue(0);
  }

  @Test
  void htmlErrorPageIsAServerExceptionThatSaysWhatCame() {
    service.tokenFallback(
        () ->
            new MockResponse()
                .setResponseCode(502)
                .setHeader("Content-Type", "text/html")
                .setBody("<html><body>Bad Gateway</body></html>"));

    ServerException e = catchThrowableOfType(ServerException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(ServerException.class);
    assertThat(e.errorCode()).isEqualTo("server_error");
    assertThat(e.getMessage())
        .contains("answered 502 with a text/html body (37 bytes, no OAuth error)");
  }

  @Test
  void rateLimitIsRetriedAfterTheDelay() {
    service
        .token(json(429, "{}").setHeader("Retry-After", "1"))
        .token(Fixtures.token("after-429", 3600, null));

    client(transport()).launch(Fixtures.launchRequest());

    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    service.tokenFallback(
        () -> new MockResponse().setResponseCode(429).setHeader("Retry-After", "3"));
    RateLimitedException alone =
        catchThrowableOfType(RateLimitedException.class, () -> launch(transport()));
    assertThat(alone).isExactlyInstanceOf(RateLimitedException.class);
    assertThat(alone.errorCode()).isEqualTo("rate_limited");
    assertThat(alone.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(alone.getMessage()).contains("too many token requests");
  }

  @Test
  void aSlowTokenEndpointIsBoundByTheCallsTimeout() {
    service.tokenFallback(() -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    long start = System.nanoTime();

    TransportException e =
        catchThrowableOfType(
            TransportException.class,
            () ->
                transport()
                    .launch(
                        Fixtures.launchRequest(), CallOptions.ofTimeout(Duration.ofMillis(300))));

    assertThat(e.getMessage())
        .contains("fetching an access token from " + server.url(TOKEN_PATH))
        .contains("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(service.apiRequests).hasValue(0);
  }

  // --- OAuth errors, and what is not one -----------------------------------------------------

  @Test
  void keycloaksMethodNotAllowedIsAWrongUrlNotAnOAuthError() {
    service.tokenFallback(() -> json(405, "{\"error\":\"HTTP 405 Method Not Allowed\"}"));

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(e.errorCode()).isEqualTo("http_405");
    assertThat(e.getMessage())
        .contains("answered 405 with error \"HTTP 405 Method Not Allowed\"")
        .contains(
            "This is not a token endpoint, or not one that accepts POST: check tokenUrl ("
                + server.url(TOKEN_PATH)
                + ")")
        .contains("/realms/{realm}/protocol/openid-connect/token");
  }

  @Test
  void unauthorizedClientWith401SaysToCheckTheIdAndSecret() {
    service.tokenFallback(
        () ->
            json(
                401,
                "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}"));

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(e.errorCode()).isEqualTo("unauthorized_client");
    assertThat(e.getMessage())
        .contains("unauthorized_client: Invalid client or Invalid client credentials")
        .contains("Check the client id (my client) and secret")
        .doesNotContain("enable");
  }

  @Test
  void unauthorizedClientWith400SaysToEnableTheGrant() {
    service.tokenFallback(() -> json(400, "{\"error\":\"unauthorized_client\"}"));

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> launch(transport()));

    assertThat(e.errorCode()).isEqualTo("unauthorized_client");
    assertThat(e.getMessage()).contains("may not use the client-credentials grant: enable it");
  }

  @Test
  void invalidScopeNamesTheRefusedScopeAndDoesNotSuggestItAgain() {
    service.tokenFallback(
        () ->
            json(
                400,
                "{\"error\":\"invalid_scope\",\"error_description\":\"Invalid scopes: flow:execute\"}"));

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(e.errorCode()).isEqualTo("invalid_scope");
    assertThat(e.getMessage())
        .contains("refused the scope flow:execute for client my client")
        .doesNotContain("such as flow:execute")
        .doesNotContain("flow:execute flow:execution:read");
  }

  @Test
  void invalidClientSaysToCheckTheAuthMethodToo() {
    service.tokenFallback(() -> json(401, "{\"error\":\"invalid_client\"}"));

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> launch(transport()));

    assertThat(e.errorCode()).isEqualTo("invalid_client");
    assertThat(e.getMessage())
        .contains("Check the client id (my client) and secret")
        .contains("client_secret_basic");
  }

  @Test
  void errorDescriptionsAreRedactedOfTheSecret() {
    String encoded = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    service.tokenFallback(
        () ->
            json(
                401,
                "{\"error\":\"invalid_client\",\"error_description\":\"bad secret "
                    + SECRET.replace("\\", "\\\\")
                    + " (form: "
                    + encoded
                    + ")\"}"));

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> launch(transport()));

    assertThat(e.getMessage())
        .contains("bad secret <redacted> (form: <redacted>)")
        .doesNotContain(SECRET)
        .doesNotContain(encoded);
  }

  @Test
  void aSuccessThatIsHtmlNamesTheContentTypeAndTheUrl() {
    service.tokenFallback(
        () ->
            new MockResponse()
                .setHeader("Content-Type", "text/html; charset=utf-8")
                .setBody("<!doctype html><title>Sign in</title>"));

    FlowApiException e = catchThrowableOfType(FlowApiException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(FlowApiException.class);
    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage())
        .contains("answered 200 with Content-Type text/html")
        .contains("check tokenUrl (" + server.url(TOKEN_PATH) + ")")
        .doesNotContain("JSON at");
  }

  @Test
  void aSuccessThatIsNotJsonNamesTheContentTypeAndTheUrl() {
    service.tokenFallback(
        () ->
            new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody("access_token=abc"));

    FlowApiException e = catchThrowableOfType(FlowApiException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(FlowApiException.class);
    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage())
        .contains(
            "answered 200 with Content-Type application/json and 16 bytes that are not a JSON token response")
        .contains("check tokenUrl");
  }

  @Test
  void hugeLifetimesAreClampedNotThrown() {
    for (String expiresIn : List.of("9223372036854775807", "4e16", "\"4e16\"", "1e999999")) {
      clock.advance(Duration.ofDays(1000));
      service.token(
          json(
              200,
              "{\"access_token\":\"huge\",\"token_type\":\"Bearer\",\"expires_in\":"
                  + expiresIn
                  + "}"));
      RetrofitTransport transport = transport();
      int before = service.tokenRequests.get();

      launch(transport);
      clock.advance(Duration.ofDays(365));
      launch(transport);
      assertThat(service.tokenRequests.get() - before)
          .as("cached for a year: " + expiresIn)
          .isEqualTo(1);
      clock.advance(Duration.ofDays(2));
      launch(transport);
      assertThat(service.tokenRequests.get() - before)
          .as("renewed after 366 days: " + expiresIn)
          .isEqualTo(2);
    }
  }

  @Test
  void anExpiresInThatIsNotANumberIsMalformed() {
    service.tokenFallback(
        () ->
            json(
                200, "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}"));

    FlowApiException e = catchThrowableOfType(FlowApiException.class, () -> launch(transport()));

    assertThat(e).isExactlyInstanceOf(FlowApiException.class);
    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("expires_in that is not a number (soon)");
  }

  @Test
  void aTokenThatIsNotBearerIsRefusedAndNeverSent() {
    for (String type : List.of("DPoP", "mac", "N_A")) {
      service.token(
          json(
              200,
              "{\"access_token\":\"pop-token\",\"token_type\":\""
                  + type
                  + "\",\"expires_in\":60}"));

      AuthenticationException e =
          catchThrowableOfType(AuthenticationException.class, () -> launch(transport()));

      assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
      assertThat(e.errorCode()).isEqualTo("unsupported_token_type");
      assertThat(e.getMessage())
          .contains("a token of type " + type + ", not Bearer")
          .doesNotContain("pop-token");
    }
    assertThat(service.apiRequests).hasValue(0);
  }

  @Test
  void bearerIsReadCaseInsensitively() {
    service.token(
        json(200, "{\"access_token\":\"lower\",\"token_type\":\"bearer\",\"expires_in\":60}"));

    launch(transport());

    assertThat(service.apiRecorded.get(0).getHeader("Authorization")).isEqualTo("Bearer lower");
  }

  @Test
  void authenticationFailuresAreNotRetried() {
    service.tokenFallback(() -> json(401, "{\"error\":\"invalid_client\"}"));

    assertThatThrownBy(() -> client(transport()).launch(Fixtures.launchRequest()))
        .isInstanceOf(AuthenticationException.class);

    assertThat(service.tokenRequests).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void asyncCallsTypeTokenFailuresTheSameWay() {
    service.tokenFallback(() -> json(405, "{\"error\":\"HTTP 405 Method Not Allowed\"}"));

    assertThat(transport().launchAsync(Fixtures.launchRequest(), CallOptions.defaults()))
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat()
        .havingCause()
        .isExactlyInstanceOf(AuthenticationException.class)
        .withMessageContaining("check tokenUrl");
  }
}
