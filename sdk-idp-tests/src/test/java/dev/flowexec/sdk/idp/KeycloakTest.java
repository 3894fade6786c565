package dev.flowexec.sdk.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.ClientAuthMethod;
import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.errors.AuthenticationException;
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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client-credentials grant against a real Keycloak 26, started once for the class: a realm,
 * confidential clients with service accounts and the optional client scopes {@code flow:execute}
 * and {@code flow:execution:read}, created through the admin REST API; then both transports launch
 * and get through a loopback API that verifies Keycloak's signed tokens. If Keycloak cannot start,
 * the class fails (it is never skipped).
 */
class KeycloakTest {
  private static final String REALM = "flows";
  private static final String CLIENT_ID = "orders-service";

  /**
   * RFC 6749 §2.3.1 encodes these before base64: a colon, a percent, a plus, a space, non-ASCII.
   */
  private static final String SECRET = "kc: %+ é€ secret";

  private static final String SHORT_LIVED_ID = "short-lived";
  private static final String NO_FLOW_SCOPES_ID = "no-flow-scopes";

  private static KeycloakServer keycloak;
  private static BearerApi api;
  private static String tokenUrl;

  private final List<FlowTransport> transports = new ArrayList<>();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Texts texts = new Texts();

  @BeforeAll
  static void startKeycloak() throws Exception {
    // Stop it however the JVM ends, too; close() is idempotent enough to run twice.
    keycloak = KeycloakServer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
    System.out.println(
        "Keycloak (pid "
            + keycloak.pid()
            + ") answered after "
            + keycloak.startedIn().toSeconds()
            + " s");
    keycloak.create("", "{\"realm\":\"" + REALM + "\",\"enabled\":true}");
    String execute = keycloak.create("/" + REALM + "/client-scopes", scope("flow:execute"));
    String read = keycloak.create("/" + REALM + "/client-scopes", scope("flow:execution:read"));
    for (String[] client :
        new String[][] {{CLIENT_ID, "300"}, {SHORT_LIVED_ID, "10"}, {NO_FLOW_SCOPES_ID, "300"}}) {
      String id =
          keycloak.create(
              "/" + REALM + "/clients",
              "{\"clientId\":\""
                  + client[0]
                  + "\",\"enabled\":true,"
                  + "\"publicClient\":false,\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
                  + "\"directAccessGrantsEnabled\":false,\"clientAuthenticatorType\":\"client-secret\","
                  + "\"secret\":\""
                  + SECRET
                  + "\",\"attributes\":{\"access.token.lifespan\":\""
                  + client[1]
                  + "\"}}");
      if (!client[0].equals(NO_FLOW_SCOPES_ID)) {
        keycloak.put("/" + REALM + "/clients/" + id + "/optional-client-scopes/" + execute);
        keycloak.put("/" + REALM + "/clients/" + id + "/optional-client-scopes/" + read);
      }
    }
    String realm = keycloak.baseUrl() + "/realms/" + REALM;
    tokenUrl = realm + "/protocol/openid-connect/token";
    api = new BearerApi(realm + "/protocol/openid-connect/certs");
  }

  private static String scope(String name) {
    return "{\"name\":\""
        + name
        + "\",\"protocol\":\"openid-connect\","
        + "\"attributes\":{\"include.in.token.scope\":\"true\",\"display.on.consent.screen\":\"false\"}}";
  }

  @AfterAll
  static void stopKeycloak() {
    if (api != null) {
      api.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @BeforeEach
  void forget() {
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

  private RetrofitTransport retrofit(
      String clientId, String secret, ClientAuthMethod method, String... scopes) {
    RetrofitTransport.Builder builder =
        RetrofitTransport.builder()
            .baseUrl(api.baseUrl())
            .credentials(clientId, secret)
            .tokenUrl(tokenUrl)
            .clientAuthMethod(method);
    if (scopes.length > 0) {
      builder.scopes(scopes);
    }
    RetrofitTransport transport = builder.build();
    texts.record(builder);
    transports.add(transport);
    return transport;
  }

  private FlowExecutionsClient client(FlowTransport transport) {
    return FlowExecutionsClient.builder()
        .transport(transport)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
        .sleeper(sleeps::add)
        .build();
  }

  private static LaunchRequest request() {
    return LaunchRequest.builder()
        .flowId("abc-123")
        .participants(Participant.of("user-456", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .build();
  }

  @Test
  void clientSecretBasicWithAnOddSecretLaunchesAndGets() {
    FlowExecutionsClient client =
        client(retrofit(CLIENT_ID, SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC));

    FlowExecution launched = client.launch(request());
    FlowExecution got = client.get(launched.flowExecutionId());

    assertThat(got.flowExecutionId()).isEqualTo(launched.flowExecutionId());
    assertThat(api.tokens).hasSize(2).containsOnly(api.tokens.get(0));
    assertThat(api.claims.get(0).getClaim("azp")).isEqualTo(CLIENT_ID);
    assertThat(api.claims.get(0).getClaim("scope").toString())
        .contains("flow:execute")
        .contains("profile");
  }

  @Test
  void clientSecretPostWithTheSameSecretThroughTheExamplesTransport() {
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

    assertThat(api.tokens).hasSize(2);
    assertThat(api.claims.get(1).getClaim("azp")).isEqualTo(CLIENT_ID);
  }

  @Test
  void keycloaksExtraScopesAreIgnoredAndAMissingFlowScopeFailsFast() {
    RetrofitTransport reader =
        retrofit(CLIENT_ID, SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC, "flow:execution:read");

    reader.get("some-execution", CallOptions.defaults());
    InsufficientScopeException refused =
        texts.record(
            catchThrowableOfType(
                InsufficientScopeException.class,
                () -> reader.launch(request(), CallOptions.defaults())));

    assertThat(refused).isExactlyInstanceOf(InsufficientScopeException.class);
    assertThat(refused.statusCode()).as("refused before sending").isZero();
    assertThat(refused.grantedScopes()).contains("flow:execution:read", "profile", "email");
    assertThat(refused.getMessage())
        .contains("launching")
        .contains("needs flow:execute")
        .contains("profile");
    assertThat(api.tokens).as("only the get was sent").hasSize(1);
  }

  @Test
  void aClientWithoutTheFlowScopesIsRefusedTheScopeByName() {
    RetrofitTransport transport =
        retrofit(NO_FLOW_SCOPES_ID, SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC, "flow:execute");

    AuthenticationException refused =
        texts.record(
            catchThrowableOfType(
                AuthenticationException.class, () -> client(transport).launch(request())));

    assertThat(refused).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("invalid_scope");
    assertThat(refused.getMessage())
        .contains("refused the scope flow:execute for client " + NO_FLOW_SCOPES_ID);
    assertThat(sleeps).as("not retried").isEmpty();
    assertThat(api.tokens).isEmpty();
  }

  @Test
  void tenSecondTokensAreRenewedBeforeTheyExpire() throws Exception {
    RetrofitTransport transport =
        retrofit(SHORT_LIVED_ID, SECRET, ClientAuthMethod.CLIENT_SECRET_POST);

    transport.launch(request(), CallOptions.defaults());
    transport.launch(request(), CallOptions.defaults());
    Thread.sleep(9_300); // renewed 1 s (10 %) before the 10-second lifetime ends
    transport.launch(request(), CallOptions.defaults());

    assertThat(api.tokens).hasSize(3);
    assertThat(api.tokens.get(1)).isEqualTo(api.tokens.get(0));
    assertThat(api.tokens.get(2)).isNotEqualTo(api.tokens.get(1));
    assertThat(api.claims).as("every token verified, none sent expired").hasSize(3);
    Duration lifetime =
        Duration.between(
            api.claims.get(0).getIssueTime().toInstant(),
            api.claims.get(0).getExpirationTime().toInstant());
    assertThat(lifetime).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aWrongSecretSaysToCheckTheIdAndSecret() {
    String wrong = "not the secret";
    RetrofitTransport transport = retrofit(CLIENT_ID, wrong, ClientAuthMethod.CLIENT_SECRET_BASIC);

    AuthenticationException refused =
        texts.record(
            catchThrowableOfType(
                AuthenticationException.class, () -> client(transport).launch(request())));

    assertThat(refused).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.errorCode()).isEqualTo("unauthorized_client");
    assertThat(refused.getMessage())
        .contains("Check the client id (" + CLIENT_ID + ") and secret")
        .doesNotContain("enable")
        .doesNotContain(wrong);
    assertThat(sleeps).as("not retried").isEmpty();
    assertThat(api.tokens).isEmpty();
  }

  @Test
  void aUrlThatIsNotTheTokenEndpointSaysToCheckTokenUrl() {
    RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl(api.baseUrl())
            .credentials(CLIENT_ID, SECRET)
            .tokenUrl(keycloak.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/certs")
            .build();
    transports.add(transport);

    AuthenticationException refused =
        texts.record(
            catchThrowableOfType(
                AuthenticationException.class,
                () -> transport.launch(request(), CallOptions.defaults())));

    assertThat(refused).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(refused.errorCode()).isEqualTo("http_405");
    assertThat(refused.getMessage())
        .contains("answered 405 with error \"HTTP 405 Method Not Allowed\"")
        .contains("check tokenUrl");
  }
}
