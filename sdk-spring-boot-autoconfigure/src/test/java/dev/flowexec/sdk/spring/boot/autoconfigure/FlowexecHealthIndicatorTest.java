package dev.flowexec.sdk.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FlowexecHealthIndicatorTest {
  static final String SECRET = "health-s3cret";
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
            .client("read-nothing", SECRET, "flow:read")
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

  @Test
  void upWhenTheApiAnswersAndTheProbeIsCached() {
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(),
            "flowexec.auth.client-id=orders-service",
            "flowexec.auth.client-secret=" + SECRET)
        .run(
            context -> {
              FlowexecHealthIndicator indicator = context.getBean(FlowexecHealthIndicator.class);
              Health health = indicator.health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("outcome", "api answered")
                  .containsEntry("statusCode", 404)
                  .containsEntry("errorCode", "execution_not_found")
                  .containsKey("requestId")
                  .containsEntry("endpoint", emulator.baseUrl().replaceAll("/$", ""));
              long requests = emulator.requestCount();
              assertThat(indicator.health()).isSameAs(health);
              assertThat(emulator.requestCount()).isEqualTo(requests);
              assertThat(emulator.executionCount()).isZero(); // never a launch
              assertNoSecret(health);
            });
  }

  @Test
  void downWhenTheTokenAllowsNeitherLaunchNorGet() {
    // Every scope that allows a launch allows a get, so a token that cannot get cannot launch.
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(),
            "flowexec.auth.client-id=read-nothing",
            "flowexec.auth.client-secret=" + SECRET,
            "flowexec.auth.scopes=flow:read")
        .run(
            context -> {
              Health health = context.getBean(FlowexecHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).containsEntry("errorCode", "insufficient_scope");
              assertThat(health.getDetails().get("outcome").toString())
                  .contains("token lacks the scopes");
              assertNoSecret(health);
            });
  }

  @Test
  void downWhenTheTokenEndpointRefusesTheCredentials() {
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(),
            "flowexec.auth.client-id=orders-service",
            "flowexec.auth.client-secret=wrong-" + SECRET)
        .run(
            context -> {
              Health health = context.getBean(FlowexecHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails())
                  .containsEntry("outcome", "credentials or token refused")
                  .containsEntry("statusCode", 401)
                  .containsEntry("errorCode", "invalid_client");
              assertNoSecret(health);
              assertThat(health.toString()).doesNotContain("wrong-");
            });
  }

  @Test
  void downWhenTheFixedTokenIsRefused() {
    String token = emulator.issueToken(Set.of("flow:execute", "flow:execution:read"));
    emulator.revokeToken(token);
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(), "flowexec.auth.access-token=" + token)
        .run(
            context -> {
              Health health = context.getBean(FlowexecHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).containsEntry("statusCode", 401);
              assertThat(health.toString()).doesNotContain(token);
            });
  }

  @Test
  void downAndBoundedWhenUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    runner
        .withPropertyValues(
            "flowexec.base-url=http://127.0.0.1:" + closedPort,
            "flowexec.auth.client-id=orders-service",
            "flowexec.auth.client-secret=" + SECRET,
            "flowexec.health.timeout=1s")
        .run(
            context -> {
              long started = System.nanoTime();
              Health health = context.getBean(FlowexecHealthIndicator.class).health();
              assertThat(Duration.ofNanos(System.nanoTime() - started))
                  .isLessThan(Duration.ofSeconds(5));
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails())
                  .containsEntry("outcome", "api unavailable")
                  .containsEntry("errorCode", "transport_error");
              assertNoSecret(health);
            });
  }

  @Test
  void offWithTheActuatorSwitch() {
    runner
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(),
            "flowexec.auth.client-id=orders-service",
            "flowexec.auth.client-secret=" + SECRET,
            "management.health.flowexec.enabled=false")
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(FlowexecHealthIndicator.class));
  }

  @Test
  void theEndpointShownHasNoUserInfoOrQuery() {
    assertThat(
            FlowexecHealthIndicator.displayable(
                "https://user:pa55@flows.example.com:8443/base?access_token=x"))
        .isEqualTo("https://flows.example.com:8443/base");
  }

  private static void assertNoSecret(Health health) {
    assertThat(health.toString()).doesNotContain(SECRET);
    assertThat(health.getDetails().values())
        .allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(SECRET));
  }
}
