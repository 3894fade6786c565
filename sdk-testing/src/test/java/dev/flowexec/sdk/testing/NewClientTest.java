package dev.flowexec.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** emulator.newClient() and clientBuilder(): the extension's wiring, without JUnit. */
class NewClientTest {
  private static final LaunchRequest REQUEST =
      LaunchRequest.builder()
          .flowId("abc-123")
          .participants(Participant.of("user-456", Role.USER, Channel.of("voice")))
          .channelType(Channel.of("voice"))
          .build();

  @Test
  void aTestClockEmulatorGivesAVirtualTimeClient() {
    TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
    try (FlowExecutionsEmulator emulator =
            FlowExecutionsEmulator.builder()
                .clock(clock)
                .client("my-client", "my-secret", "flow:execute", "flow:execution:read")
                .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
                .lifecycle(Duration.ofMinutes(1), Duration.ofMinutes(1))
                .start();
        FlowExecutionsClient client = emulator.newClient()) {
      FlowExecution launched = client.launch(REQUEST);
      FlowExecution done =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> client.awaitCompletion(launched.flowExecutionId(), Duration.ofHours(2)));
      assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(clock.instant()).isAfterOrEqualTo(Instant.parse("2026-11-28T10:02:00Z"));
      assertThat(emulator.requests().get(0).path()).isEqualTo("/oauth/token");
    }
  }

  @Test
  void theBuilderTakesTheUsersSettings() {
    TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
    try (FlowExecutionsEmulator emulator =
            FlowExecutionsEmulator.builder()
                .clock(clock)
                .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
                .start();
        FlowExecutionsClient client =
            emulator
                .clientBuilder()
                .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
                .build()) {
      emulator.faults().next(4, Fault.emptyBody(503));
      // No client registered: a token the emulator minted, so no token request.
      assertThat(client.launch(REQUEST).status()).isEqualTo(ExecutionStatus.QUEUED);
      assertThat(emulator.requests())
          .hasSize(5)
          .allSatisfy(r -> assertThat(r.path()).isEqualTo("/api/v2/flows/executions"));
    }
  }

  @Test
  void onTheSystemClockTheClientSleepsForReal() {
    try (FlowExecutionsEmulator emulator =
            FlowExecutionsEmulator.builder()
                .client("my-client", "my-secret", "flow:execute")
                .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
                .start();
        FlowExecutionsClient client = emulator.newClient()) {
      assertThat(client.launch(REQUEST).status()).isEqualTo(ExecutionStatus.QUEUED);
      assertThat(emulator.clock()).isNotInstanceOf(TestClock.class);
    }
  }

  @Test
  void startingAnEmulatorLeavesTheSystemPropertiesAlone() {
    String before =
        System.clearProperty("sun.net.httpserver.nodelay"); // the build sets it for tests
    try (FlowExecutionsEmulator emulator = FlowExecutionsEmulator.builder().start()) {
      assertThat(emulator.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(System.getProperties()).doesNotContainKey("sun.net.httpserver.nodelay");
    } finally {
      if (before != null) {
        System.setProperty("sun.net.httpserver.nodelay", before);
      }
    }
  }
}
