package dev.flowexec.sdk.spring.boot.autoconfigure;

import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecAutoConfigurationTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code flowexec.auth.*} properties against a real identity provider, navikt's
 * mock-oauth2-server, in-process: its own token URL, {@code client_secret_post}, an {@code
 * audience} parameter and a provider-named scope mapped to the contract's. The API is a loopback
 * server that checks the provider's signed token against its JWKS.
 */
class MockOAuth2ServerPropertiesTest {
  static final String ISSUER = "flows";
  static final String CLIENT_ID = "orders-service";
  static final String SECRET = "idp-s3cret: % + é";
  static final Pattern EXECUTION_ID = Pattern.compile("\"flow_execution_id\"\\s*:\\s*\"([^\"]+)\"");

  static MockOAuth2Server idp;
  static HttpServer api;
  static final List<String> bearerTokens = new CopyOnWriteArrayList<>();

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(FlowexecAutoConfiguration.class))
          .withPropertyValues(
              "flowexec.base-url=http://127.0.0.1:" + api.getAddress().getPort(),
              "flowexec.auth.client-id=" + CLIENT_ID,
              "flowexec.auth.client-secret=" + SECRET,
              "flowexec.auth.token-url=" + idp.tokenEndpointUrl(ISSUER),
              "flowexec.retry.max-attempts=1");

  @BeforeAll
  static void start() throws IOException {
    idp = new MockOAuth2Server();
    idp.start(InetAddress.getLoopbackAddress(), 0);
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/api/v2/flows/executions", MockOAuth2ServerPropertiesTest::launch);
    api.start();
  }

  @AfterAll
  static void stop() {
    api.stop(0);
    idp.shutdown();
  }

  @BeforeEach
  void forgetEarlierRequests() {
    while (poll(10) != null) {
      // drained
    }
    bearerTokens.clear();
  }

  /** The provider's next token carries {@code scope} in its claims. */
  static void nextToken(String scope) {
    idp.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER,
            CLIENT_ID,
            "JWT",
            List.of("https://flows.example.com/api"),
            Map.of("scope", scope),
            300));
  }

  @Test
  void clientSecretPostWithAnAudienceGetsTheProvidersSignedToken() throws Exception {
    nextToken("flow:execute flow:execution:read");
    runner
        .withPropertyValues(
            "flowexec.auth.client-auth-method=client-secret-post",
            "flowexec.auth.token-parameters.audience=https://flows.example.com/api")
        .run(
            context -> {
              context.getBean(FlowExecutionsClient.class).launch(request("idp-post-1"));

              RecordedRequest token = tokenRequests().get(0);
              assertThat(token.getPath()).isEqualTo("/" + ISSUER + "/token");
              assertThat(token.getHeader("Authorization")).isNull();
              assertThat(URLDecoder.decode(token.getBody().readUtf8(), StandardCharsets.UTF_8))
                  .contains("grant_type=client_credentials")
                  .contains("client_id=" + CLIENT_ID)
                  .contains("client_secret=" + SECRET)
                  .contains("audience=https://flows.example.com/api");
              assertThat(bearerTokens).hasSize(1);
              SignedJWT jwt = verified(bearerTokens.get(0));
              assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(CLIENT_ID);
              assertThat(jwt.getJWTClaimsSet().getAudience())
                  .containsExactly("https://flows.example.com/api");
            });
  }

  @Test
  void clientSecretBasicIsTheDefault() throws Exception {
    nextToken("flow:execute flow:execution:read");
    runner.run(
        context -> {
          context.getBean(FlowExecutionsClient.class).launch(request("idp-basic-1"));
          RecordedRequest token = tokenRequests().get(0);
          assertThat(token.getHeader("Authorization")).startsWith("Basic ");
          assertThat(token.getBody().readUtf8()).doesNotContain("client_secret");
          verified(bearerTokens.get(0));
        });
  }

  @Test
  void aProviderNamedScopeIsMappedToTheContracts() {
    nextToken("api://flows/.default");
    runner
        .withPropertyValues("flowexec.auth.scopes=api://flows/.default")
        .withInitializer(mapping("flow:execute,flow:execution:read"))
        .run(
            context -> {
              context.getBean(FlowExecutionsClient.class).launch(request("idp-mapped-1"));
              assertThat(
                      URLDecoder.decode(
                          tokenRequests().get(0).getBody().readUtf8(), StandardCharsets.UTF_8))
                  .contains("scope=api://flows/.default");
              assertThat(bearerTokens).hasSize(1);
            });
    bearerTokens.clear();
    nextToken("api://flows/.default");
    // Mapped to reading only: the launch fails before it is sent.
    runner
        .withPropertyValues("flowexec.auth.scopes=api://flows/.default")
        .withInitializer(mapping("flow:execution:read"))
        .run(
            context -> {
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(FlowExecutionsClient.class)
                              .launch(request("idp-mapped-2")))
                  .isInstanceOf(InsufficientScopeException.class);
              assertThat(bearerTokens).isEmpty();
            });
  }

  static ApplicationContextInitializer<ConfigurableApplicationContext> mapping(
      String contractScopes) {
    return FlowexecAuthPropertiesTest.mapping(contractScopes);
  }

  /** The token, with its signature checked against the provider's published keys. */
  static SignedJWT verified(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    JWKSet keys = JWKSet.load(idp.jwksUrl(ISSUER).url());
    assertThat(jwt.verify(new RSASSAVerifier(keys.getKeys().get(0).toRSAKey())))
        .as("signed by the provider")
        .isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(idp.issuerUrl(ISSUER).toString());
    return jwt;
  }

  static List<RecordedRequest> tokenRequests() {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r = poll(200); r != null; r = poll(200)) {
      if (r.getPath() != null && r.getPath().endsWith("/token")) {
        requests.add(r);
      }
    }
    return requests;
  }

  static RecordedRequest poll(long millis) {
    try {
      return idp.takeRequest(millis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException none) { // mock-oauth2-server throws instead of returning null
      return null;
    }
  }

  /** Records the bearer token and answers like the service: 201 with the execution. */
  static void launch(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    bearerTokens.add(authorization == null ? "" : authorization.substring("Bearer ".length()));
    Matcher id = EXECUTION_ID.matcher(body);
    String executionId = id.find() ? id.group(1) : "unknown";
    byte[] json =
        ("{\"flow_execution_id\":\""
                + executionId
                + "\",\"flow_id\":\"order-flow\",\"flow_version\":\"1\","
                + "\"name\":null,\"status\":\"QUEUED\",\"channel_type\":\"web\",\"created_at\":\"2026-11-28T10:00:00Z\","
                + "\"updated_at\":\"2026-11-28T10:00:00Z\",\"completed_at\":null,\"output_data\":null,\"error\":null,"
                + "\"self_uri\":\"/api/v2/flows/executions/"
                + executionId
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Request-Id", "req_idp");
    exchange.sendResponseHeaders(201, json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }
}
