package dev.flowexec.sdk.spring.boot.autoconfigure;

import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecAutoConfigurationTest.request;
import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecAutoConfigurationTest.startupFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The identity-provider properties ({@code flowexec.auth.token-url}, {@code client-auth-method},
 * {@code token-parameters.*}, {@code scope-check}, {@code scope-mapping}): each reaches the wire,
 * and each misuse stops the application naming the property.
 */
class FlowexecAuthPropertiesTest {
  static final String SECRET = "idp-s3cr3t: % + é";
  static FlowExecutionsEmulator emulator;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(FlowexecAutoConfiguration.class));

  @BeforeAll
  static void startEmulator() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("orders-service", SECRET, "flow:execute", "flow:execution:read")
            // A provider that names its scopes its own way, as Azure AD does.
            .client("azure-style", SECRET, "api://flows/.default")
            .flow(Flow.withId("order-flow").publishedVersion("1", "Start", "End"))
            .start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  static String[] credentials(String clientId) {
    return new String[] {
      "flowexec.base-url=" + emulator.baseUrl(),
      "flowexec.auth.client-id=" + clientId,
      "flowexec.auth.client-secret=" + SECRET,
      "flowexec.retry.max-attempts=1"
    };
  }

  static List<ReceivedRequest> tokenRequests() {
    return emulator.requests().stream()
        .filter(r -> !r.path().startsWith("/api/"))
        .collect(Collectors.toList());
  }

  @Test
  void tokenUrlIsWhereTokensComeFrom() {
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues("flowexec.auth.token-url=" + emulator.baseUrl() + "/oauth/token")
        .run(
            context -> {
              context.getBean(FlowExecutionsClient.class).launch(request("token-url-1"));
              assertThat(tokenRequests())
                  .extracting(ReceivedRequest::path)
                  .containsExactly("/oauth/token");
            });
    emulator.reset();
    // A provider's own path: the emulator serves nothing there, which proves the URL was used.
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues(
            "flowexec.auth.token-url="
                + emulator.baseUrl()
                + "/realms/flows/protocol/openid-connect/token")
        .run(
            context -> {
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(FlowExecutionsClient.class)
                              .launch(request("token-url-2")))
                  .isInstanceOf(AuthenticationException.class)
                  .hasMessageContaining("tokenUrl");
              assertThat(tokenRequests())
                  .extracting(ReceivedRequest::path)
                  .containsExactly("/realms/flows/protocol/openid-connect/token");
              assertThat(emulator.executionCount()).isZero();
            });
  }

  @Test
  void tokenParametersAreSentWithEveryTokenRequest() {
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues(
            "flowexec.auth.token-parameters.audience=https://flows.example.com/api",
            "flowexec.auth.token-parameters[resource_id]=flows")
        .run(
            context -> {
              context.getBean(FlowExecutionsClient.class).launch(request("params-1"));
              assertThat(tokenRequests())
                  .singleElement()
                  .satisfies(
                      token ->
                          assertThat(token.body())
                              .startsWith("grant_type=client_credentials&")
                              .contains("&audience=https%3A%2F%2Fflows.example.com%2Fapi")
                              .contains("&resource_id=flows"));
            });
  }

  @Test
  void clientSecretPostPutsTheCredentialsInTheForm() {
    // The emulator takes HTTP Basic only: its refusal proves the method reached the wire.
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues("flowexec.auth.client-auth-method=client_secret_post")
        .run(
            context -> {
              assertThatThrownBy(
                      () -> context.getBean(FlowExecutionsClient.class).launch(request("post-1")))
                  .isInstanceOfSatisfying(
                      AuthenticationException.class,
                      failure -> assertThat(failure.errorCode()).isEqualTo("invalid_client"))
                  .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain(SECRET));
              ReceivedRequest token = tokenRequests().get(0);
              assertThat(token.header("Authorization")).isEmpty();
              assertThat(token.body()).contains("&client_id=orders-service&client_secret=");
            });
    emulator.reset();
    // Every spelling Boot's relaxed binding allows; the default is Basic.
    for (String spelling :
        new String[] {"client-secret-basic", "CLIENT_SECRET_BASIC", "client_secret_basic"}) {
      runner
          .withPropertyValues(credentials("orders-service"))
          .withPropertyValues("flowexec.auth.client-auth-method=" + spelling)
          .run(
              context ->
                  assertThat(
                          context
                              .getBean(FlowExecutionsClient.class)
                              .launch(request("basic-" + spelling.length()))
                              .flowExecutionId())
                      .startsWith("basic-"));
    }
    assertThat(tokenRequests())
        .allSatisfy(
            token ->
                assertThat(token.header("Authorization"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic ")));
  }

  @Test
  void anUnknownAuthMethodFailsBindingNamingThePropertyAndTheValues() {
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues("flowexec.auth.client-auth-method=private_key_jwt")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              while (failure != null && !(failure instanceof BindException)) {
                failure = failure.getCause();
              }
              assertThat(failure).isInstanceOf(BindException.class);
              assertThat(((BindException) failure).getProperty().getName().toString())
                  .isEqualTo("flowexec.auth.client-auth-method");
              assertThat(((BindException) failure).getProperty().getValue())
                  .isEqualTo("private_key_jwt");
            });
  }

  @Test
  void aScopeMappingLetsAProvidersScopeNamesThrough() {
    // Without a mapping, a scope that is not flow:* cannot be checked: found at start-up.
    runner
        .withPropertyValues(credentials("azure-style"))
        .withPropertyValues("flowexec.auth.scopes=api://flows/.default")
        .run(
            context -> {
              InvalidFlowexecPropertyException failure = startupFailure(context);
              assertThat(failure.property()).isEqualTo("flowexec.auth.scopes");
              assertThat(failure.getMessage())
                  .contains("flowexec.auth.scope-mapping[api://flows/.default]=flow:execute")
                  .contains("flowexec.auth.scope-check=off");
            });
    // With one, the call goes out with the provider's token; this service then refuses it itself
    // (a real deployment's service would accept it), which shows no fail-fast stopped it.
    runner
        .withPropertyValues(credentials("azure-style"))
        .withPropertyValues("flowexec.auth.scopes=api://flows/.default")
        .withInitializer(mapping("flow:execute,flow:execution:read"))
        .run(
            context -> {
              assertThatThrownBy(
                      () -> context.getBean(FlowExecutionsClient.class).launch(request("mapped-1")))
                  .isInstanceOfSatisfying(
                      InsufficientScopeException.class,
                      failure -> assertThat(failure.requestId()).isPresent());
              assertThat(emulator.launchAttempts("mapped-1")).isEqualTo(1);
            });
  }

  @Test
  void aMappingThatDoesNotCoverTheOperationFailsFastWithoutSending() {
    runner
        .withPropertyValues(credentials("azure-style"))
        .withPropertyValues("flowexec.auth.scopes=api://flows/.default")
        .withInitializer(mapping("flow:execution:read"))
        .run(
            context -> {
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(FlowExecutionsClient.class)
                              .launch(request("read-only-1")))
                  .isInstanceOfSatisfying(
                      InsufficientScopeException.class,
                      failure -> assertThat(failure.requestId()).isEmpty());
              assertThat(emulator.launchAttempts("read-only-1")).isZero();
            });
  }

  @Test
  void scopeCheckOffSendsWhateverWasGranted() {
    runner
        .withPropertyValues(credentials("azure-style"))
        .withPropertyValues(
            "flowexec.auth.scopes=api://flows/.default", "flowexec.auth.scope-check=off")
        .run(
            context -> {
              assertThatThrownBy(
                      () -> context.getBean(FlowExecutionsClient.class).launch(request("off-1")))
                  .isInstanceOfSatisfying(
                      InsufficientScopeException.class,
                      failure -> assertThat(failure.requestId()).isPresent());
              assertThat(emulator.launchAttempts("off-1")).isEqualTo(1);
            });
  }

  @Test
  void theContractCheckFailsFastForATokenWithoutTheScope() {
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues(
            "flowexec.auth.scopes=flow:execution:read", "flowexec.auth.scope-check=contract")
        .run(
            context -> {
              assertThatThrownBy(
                      () ->
                          context.getBean(FlowExecutionsClient.class).launch(request("contract-1")))
                  .isInstanceOf(InsufficientScopeException.class);
              assertThat(emulator.launchAttempts("contract-1")).isZero();
            });
  }

  @Test
  void grantSettingsWithoutCredentialsFailNamingTheSetting() {
    String token = "fixed-token-value";
    String[][] cases = {
      {"flowexec.auth.token-url=https://login.example.com/token", "flowexec.auth.token-url"},
      {"flowexec.auth.client-auth-method=client-secret-post", "flowexec.auth.client-auth-method"},
      {"flowexec.auth.token-parameters.audience=flows", "flowexec.auth.token-parameters.audience"},
      {"flowexec.auth.scope-check=off", "flowexec.auth.scope-check"},
      {"flowexec.auth.scope-mapping.azure-scope=flow:execute", "flowexec.auth.scope-mapping"},
      {"flowexec.auth.scopes=flow:execute", "flowexec.auth.scopes"},
    };
    for (String[] c : cases) {
      runner
          .withPropertyValues(
              "flowexec.base-url=https://flows.example.com",
              "flowexec.auth.access-token=" + token,
              c[0])
          .run(
              context -> {
                InvalidFlowexecPropertyException failure = startupFailure(context);
                assertThat(failure.property()).as(c[0]).isEqualTo(c[1]);
                assertThat(failure.getMessage())
                    .contains("is set with flowexec.auth.access-token")
                    .doesNotContain(token);
              });
      runner
          .withPropertyValues("flowexec.base-url=https://flows.example.com", c[0])
          .run(
              context -> {
                InvalidFlowexecPropertyException failure = startupFailure(context);
                assertThat(failure.property()).as(c[0]).isEqualTo(c[1]);
                assertThat(failure.getMessage())
                    .contains("is set but flowexec.auth.client-id is not");
              });
    }
  }

  @Test
  void badGrantValuesFailNamingTheProperty() {
    assertFailure(
        "flowexec.auth.token-url=http://login.example.com/token",
        "flowexec.auth.token-url",
        "https");
    assertFailure(
        "flowexec.auth.token-url=not a url", "flowexec.auth.token-url", "not an http or https URL");
    assertFailure(
        "flowexec.auth.token-parameters.scope=flow:execute",
        "flowexec.auth.token-parameters.scope",
        "scopes");
    assertFailure(
        "flowexec.auth.token-parameters[client_secret]=other",
        "flowexec.auth.token-parameters[client_secret]",
        "cannot be overridden");
    assertFailure("flowexec.auth.scope-check=mapping", "flowexec.auth.scope-mapping", "is not set");
    assertFailure(
        "flowexec.auth.scope-mapping.azure-scope=profile",
        "flowexec.auth.scope-mapping",
        "not a contract scope");
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues(
            "flowexec.auth.token-url=https://login.example.com/token",
            "flowexec.auth.base-url=https://login.example.com")
        .run(
            context ->
                assertThat(startupFailure(context).property())
                    .isEqualTo("flowexec.auth.token-url"));
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues(
            "flowexec.auth.scope-check=off", "flowexec.auth.scope-mapping.azure-scope=flow:execute")
        .run(
            context -> {
              InvalidFlowexecPropertyException failure = startupFailure(context);
              assertThat(failure.property()).isEqualTo("flowexec.auth.scope-mapping");
              assertThat(failure.getMessage()).contains("flowexec.auth.scope-check is off");
            });
  }

  @Test
  void aLoopbackTokenUrlMayBePlainHttp() {
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues("flowexec.auth.token-url=http://localhost:1/token")
        .run(
            context ->
                assertThat(context).hasNotFailed().hasSingleBean(FlowExecutionsClient.class));
  }

  @Test
  void toStringShowsTheGrantButNoSecretOrParameterValue() {
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues(
            "flowexec.auth.token-url=" + emulator.baseUrl() + "/oauth/token",
            "flowexec.auth.client-auth-method=client-secret-basic",
            "flowexec.auth.token-parameters[api_key]=k3y-value")
        .run(
            context -> {
              String properties = context.getBean(FlowexecProperties.class).toString();
              assertThat(properties)
                  .contains("tokenUrl=" + emulator.baseUrl() + "/oauth/token")
                  .contains("clientAuthMethod=client_secret_basic")
                  .contains("tokenParameters=[api_key]")
                  .doesNotContain(SECRET)
                  .doesNotContain("k3y-value");
            });
  }

  /**
   * {@code flowexec.auth.scope-mapping[api://flows/.default]}; withPropertyValues would split the
   * key at its colon.
   */
  static ApplicationContextInitializer<ConfigurableApplicationContext> mapping(
      String contractScopes) {
    return context ->
        context
            .getEnvironment()
            .getPropertySources()
            .addFirst(
                new MapPropertySource(
                    "scope-mapping",
                    Map.of("flowexec.auth.scope-mapping[api://flows/.default]", contractScopes)));
  }

  private void assertFailure(String property, String expectedName, String reason) {
    runner
        .withPropertyValues(credentials("orders-service"))
        .withPropertyValues(property)
        .run(
            context -> {
              InvalidFlowexecPropertyException failure = startupFailure(context);
              assertThat(failure.property()).as(property).isEqualTo(expectedName);
              assertThat(failure.getMessage()).as(property).contains(reason).doesNotContain(SECRET);
            });
  }
}
