package dev.flowexec.sdk.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.ExecutionListener.AttemptStarted;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.ClientClosedException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.transport.FlowTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class FlowexecAutoConfigurationTest {
  static final String SECRET = "s3cr3t: % + é";
  static FlowExecutionsEmulator emulator;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  FlowexecAutoConfiguration.class, FlowexecHealthAutoConfiguration.class));

  @BeforeAll
  static void startEmulator() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("orders-service", SECRET, "flow:execute", "flow:execution:read")
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

  static String[] credentials() {
    return new String[] {
      "flowexec.base-url=" + emulator.baseUrl(),
      "flowexec.auth.client-id=orders-service",
      "flowexec.auth.client-secret=" + SECRET
    };
  }

  static LaunchRequest request(String id) {
    return LaunchRequest.builder()
        .flowId("order-flow")
        .participants(Participant.of("user-1", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .flowExecutionId(id)
        .build();
  }

  @Test
  void withoutPropertiesTheApplicationFailsNamingBaseUrl() {
    runner.run(
        context -> {
          InvalidFlowexecPropertyException failure = startupFailure(context);
          assertThat(failure.property()).isEqualTo("flowexec.base-url");
          assertThat(failure.getMessage())
              .contains("is not set")
              .contains("flowexec.enabled=false");
        });
  }

  @Test
  void aBaseUrlAloneFailsNamingTheCredentials() {
    runner
        .withPropertyValues("flowexec.base-url=" + emulator.baseUrl())
        .run(
            context -> {
              InvalidFlowexecPropertyException failure = startupFailure(context);
              assertThat(failure.property()).isEqualTo("flowexec.auth.client-id");
              assertThat(failure.getMessage())
                  .contains("flowexec.auth.client-secret")
                  .contains("flowexec.auth.access-token");
            });
  }

  @Test
  void clientCredentialsMakeAClientThatLaunches() {
    runner
        .withPropertyValues(credentials())
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(FlowExecutionsClient.class)
                  .hasSingleBean(RetrofitTransport.class)
                  .hasSingleBean(FlowexecHealthIndicator.class);
              FlowExecution execution =
                  context.getBean(FlowExecutionsClient.class).launch(request("cc-1"));
              assertThat(execution.flowExecutionId()).isEqualTo("cc-1");
              assertThat(context.getBean(RetrofitTransport.class).toString())
                  .contains("client credentials (clientId=orders-service")
                  .doesNotContain(SECRET);
              assertThat(context.getBean(FlowexecProperties.class).toString())
                  .doesNotContain(SECRET)
                  .contains("<redacted>");
            });
  }

  @Test
  void anAccessTokenMakesAClientThatLaunches() {
    String token = emulator.issueToken(Set.of("flow:execute"));
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(), "flowexec.auth.access-token=" + token)
        .run(
            context -> {
              context.getBean(FlowExecutionsClient.class).launch(request("token-1"));
              assertThat(emulator.execution("token-1")).isPresent();
              assertThat(context.getBean(RetrofitTransport.class).toString())
                  .contains("fixed access token")
                  .doesNotContain(token);
            });
  }

  @Test
  void propertiesReachTheBuilders() {
    runner
        .withPropertyValues(credentials())
        .withPropertyValues(
            "flowexec.timeouts.call=7s",
            "flowexec.timeouts.attempt=3s",
            "flowexec.retry.max-attempts=5",
            "flowexec.retry.initial-backoff=10ms",
            "flowexec.auth.scopes=flow:execute")
        .run(
            context -> {
              String client = context.getBean(FlowExecutionsClient.class).toString();
              assertThat(client)
                  .contains("timeout=PT7S")
                  .contains("maxAttempts=5")
                  .contains("initialBackoff=PT0.01S");
              assertThat(context.getBean(RetrofitTransport.class).toString())
                  .contains("callTimeout=PT3S")
                  .contains("scopes=flow:execute,");
            });
  }

  @Test
  void aResponseOverTheCapFailsTheCall() {
    String token = emulator.issueToken(Set.of("flow:execute"));
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(),
            "flowexec.auth.access-token=" + token,
            "flowexec.max-response-size=10B")
        .run(
            context ->
                assertThatThrownBy(
                        () ->
                            context.getBean(FlowExecutionsClient.class).launch(request("capped-1")))
                    .isInstanceOfSatisfying(
                        FlowApiException.class,
                        failure ->
                            assertThat(failure.errorCode())
                                .isEqualTo(FlowJsonCodec.RESPONSE_TOO_LARGE)));
  }

  @Test
  void tokenAndCredentialsTogetherFailNamingTheToken() {
    runner
        .withPropertyValues(credentials())
        .withPropertyValues("flowexec.auth.access-token=abc")
        .run(
            context -> {
              InvalidFlowexecPropertyException failure = startupFailure(context);
              assertThat(failure.property()).isEqualTo("flowexec.auth.access-token");
              assertThat(failure.getMessage())
                  .contains("Keep one way to authenticate")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void aClientIdWithoutSecretFailsNamingTheSecret() {
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(), "flowexec.auth.client-id=orders-service")
        .run(
            context ->
                assertThat(startupFailure(context).property())
                    .isEqualTo("flowexec.auth.client-secret"));
  }

  @Test
  void badValuesFailNamingTheProperty() {
    assertFailure("flowexec.base-url=http://flows.example.com", "flowexec.base-url");
    assertFailure("flowexec.base-url=not a url", "flowexec.base-url");
    assertFailure("flowexec.auth.base-url=ftp://idp.example.com", "flowexec.auth.base-url");
    assertFailure("flowexec.timeouts.connect=0s", "flowexec.timeouts.connect");
    assertFailure("flowexec.timeouts.read=-1s", "flowexec.timeouts.read");
    assertFailure("flowexec.timeouts.call=-5s", "flowexec.timeouts.call");
    assertFailure("flowexec.retry.max-attempts=0", "flowexec.retry.max-attempts");
    assertFailure("flowexec.retry.max-backoff=0ms", "flowexec.retry.max-backoff");
    assertFailure("flowexec.auth.scopes=flow:execute,has space", "flowexec.auth.scopes");
    assertFailure("flowexec.max-response-size=0B", "flowexec.max-response-size");
  }

  @Test
  void anUnparsableValueFailsInBindingNamingTheProperty() {
    runner
        .withPropertyValues(credentials())
        .withPropertyValues("flowexec.timeouts.connect=ten seconds")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              while (failure != null && !(failure instanceof BindException)) {
                failure = failure.getCause();
              }
              assertThat(failure)
                  .isInstanceOf(BindException.class)
                  .hasMessageContaining("flowexec.timeouts");
              assertThat(((BindException) failure).getProperty().getName().toString())
                  .isEqualTo("flowexec.timeouts.connect");
            });
  }

  @Test
  void theFailureReportNamesThePropertyAndTheFix() {
    InvalidFlowexecPropertyException failure =
        new InvalidFlowexecPropertyException(
            "flowexec.base-url", "is not set", "Set it to the API's URL");
    FailureAnalysis analysis =
        new InvalidFlowexecPropertyFailureAnalyzer().analyze(new IllegalStateException(failure));
    assertThat(analysis.getDescription()).contains("property flowexec.base-url: is not set");
    assertThat(analysis.getAction()).isEqualTo("Set it to the API's URL");
  }

  @Test
  void enabledFalseConfiguresNothingEvenWithoutProperties() {
    runner
        .withPropertyValues("flowexec.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(FlowExecutionsClient.class)
                    .doesNotHaveBean(FlowTransport.class)
                    .doesNotHaveBean(FlowexecProperties.class)
                    .doesNotHaveBean(FlowexecHealthIndicator.class));
  }

  @Test
  void theUsersTransportReplacesOursAndNeedsNoProperties() {
    runner
        .withUserConfiguration(UserTransport.class)
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(FlowTransport.class)
                  .hasBean("myTransport");
              assertThat(context.getBean(FlowExecutionsClient.class).toString())
                  .contains("https://users-own.example.com");
              assertThat(context.getBean(FlowexecHealthIndicator.class).toString())
                  .contains("https://users-own.example.com");
            });
  }

  @Test
  void theUsersClientReplacesOurs() {
    runner
        .withPropertyValues(credentials())
        .withUserConfiguration(UserClient.class)
        .run(
            context -> {
              assertThat(context)
                  .getBean(FlowExecutionsClient.class)
                  .isSameAs(context.getBean(UserClient.class).client);
              assertThat(context).hasSingleBean(RetrofitTransport.class);
            });
  }

  @Test
  void theUsersOkHttpClientCarriesTheCallsAndStaysOpen() {
    runner
        .withPropertyValues(credentials())
        .withUserConfiguration(UserOkHttp.class)
        .run(
            context -> {
              context.getBean(FlowExecutionsClient.class).launch(request("okhttp-1"));
              UserOkHttp user = context.getBean(UserOkHttp.class);
              assertThat(user.requests.get()).isEqualTo(2); // the token, then the launch
              assertThat(context.getBean(RetrofitTransport.class).toString())
                  .contains("httpClient=caller's");
              context.close();
              assertThat(user.client.dispatcher().executorService().isShutdown()).isFalse();
              user.client.dispatcher().executorService().shutdown();
            });
  }

  @Test
  void customizersRunInOrderAndAnOwnedOkHttpClientIsClosedWithTheContext() {
    runner
        .withPropertyValues(credentials())
        .withUserConfiguration(Customizers.class)
        .run(
            context -> {
              Customizers customizers = context.getBean(Customizers.class);
              assertThat(customizers.calls)
                  .containsExactly(
                      "okhttp-1", "okhttp-2", "transport-1", "transport-2", "client-1", "client-2");
              context.getBean(FlowExecutionsClient.class).launch(request("customized-1"));
              assertThat(customizers.requests.get()).isEqualTo(2);
              // Every listener bean is told, in order, and one that throws does not silence the
              // next.
              assertThat(customizers.attempts.get()).isEqualTo(2);
              OkHttpClient owned = context.getBean(OwnedOkHttpClient.class).client();
              context.close();
              assertThat(owned.dispatcher().executorService().isShutdown()).isTrue();
            });
  }

  @Test
  void theClientAndTransportAreClosedWithTheContext() {
    runner
        .withPropertyValues(credentials())
        .run(
            context -> {
              FlowExecutionsClient client = context.getBean(FlowExecutionsClient.class);
              RetrofitTransport transport = context.getBean(RetrofitTransport.class);
              context.close();
              assertThat(transport.toString()).endsWith("(closed)");
              assertThatThrownBy(() -> client.launch(request("after-close")))
                  .isInstanceOf(ClientClosedException.class);
            });
  }

  private void assertFailure(String property, String expectedName) {
    runner
        .withPropertyValues(credentials())
        .withPropertyValues(property)
        .run(
            context -> {
              InvalidFlowexecPropertyException failure = startupFailure(context);
              assertThat(failure.property()).as(property).isEqualTo(expectedName);
              assertThat(failure.getMessage()).doesNotContain(SECRET);
            });
  }

  static InvalidFlowexecPropertyException startupFailure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    while (failure != null && !(failure instanceof InvalidFlowexecPropertyException)) {
      failure = failure.getCause();
    }
    assertThat(failure)
        .as("an InvalidFlowexecPropertyException in %s", context.getStartupFailure())
        .isNotNull();
    return (InvalidFlowexecPropertyException) failure;
  }

  @Configuration(proxyBeanMethods = false)
  static class UserTransport {
    @Bean
    FlowTransport myTransport() {
      return RetrofitTransport.builder()
          .baseUrl("https://users-own.example.com")
          .accessToken("users-token")
          .build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserClient {
    FlowExecutionsClient client;

    @Bean
    FlowExecutionsClient myClient(FlowTransport transport) {
      client = FlowExecutionsClient.builder().transport(transport).build();
      return client;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserOkHttp {
    final AtomicInteger requests = new AtomicInteger();
    OkHttpClient client;

    @Bean
    OkHttpClient myOkHttpClient() {
      client =
          new OkHttpClient.Builder()
              .addInterceptor(
                  chain -> {
                    requests.incrementAndGet();
                    return chain.proceed(chain.request());
                  })
              .build();
      return client;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    final List<String> calls = new ArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();

    @Bean
    @Order(2)
    FlowexecOkHttpClientBuilderCustomizer second() {
      return builder -> calls.add("okhttp-2");
    }

    @Bean
    @Order(1)
    FlowexecOkHttpClientBuilderCustomizer first() {
      return builder -> {
        calls.add("okhttp-1");
        builder.addInterceptor(
            chain -> {
              requests.incrementAndGet();
              return chain.proceed(chain.request());
            });
      };
    }

    @Bean
    @Order(2)
    FlowexecTransportBuilderCustomizer transportSecond() {
      return builder -> calls.add("transport-2");
    }

    @Bean
    @Order(1)
    FlowexecTransportBuilderCustomizer transportFirst() {
      return builder -> calls.add("transport-1");
    }

    @Bean
    @Order(2)
    FlowexecClientBuilderCustomizer clientSecond() {
      return builder -> calls.add("client-2");
    }

    @Bean
    @Order(1)
    FlowexecClientBuilderCustomizer clientFirst() {
      return builder -> calls.add("client-1");
    }

    @Bean
    @Order(1)
    ExecutionListener countingListener() {
      return new ExecutionListener() {
        @Override
        public void attemptStarted(AttemptStarted event) {
          attempts.incrementAndGet();
        }
      };
    }

    @Bean
    @Order(2)
    ExecutionListener failingListener() {
      return new ExecutionListener() {
        @Override
        public void attemptStarted(AttemptStarted event) {
          throw new IllegalStateException("a listener's own bug");
        }
      };
    }

    @Bean
    @Order(3)
    ExecutionListener secondCountingListener() {
      return new ExecutionListener() {
        @Override
        public void attemptStarted(AttemptStarted event) {
          attempts.incrementAndGet();
        }
      };
    }
  }
}
