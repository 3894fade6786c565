package dev.flowexec.sdk.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.ExecutionListener.RetryScheduled;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.Outcome;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import dev.flowexec.sdk.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The extension as a user meets it: the annotations, and parameters. Nothing else is wired. */
@EmulatorTest
@EmulatorFlow(
    id = "abc-123",
    version = "3",
    nodes = {"Start", "Greeting", "End"})
@EmulatorClient(id = "webhooks", secret = "webhooks-secret")
@EmulatorClient(id = "reader", secret = "reader-secret", scopes = "flow:execution:read")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatorTestExtensionTest {
  private static final Duration A_DAY = Duration.ofDays(1);
  private static int firstPort;

  @EmulatorConfiguration
  static void emulator(FlowExecutionsEmulator.Builder emulator) {
    emulator
        .flow(
            Flow.withId("broken")
                .publishedVersion("1", "Start")
                .outcome(Outcome.failed("boom", "the flow broke")))
        // Half an hour of QUEUED and RUNNING: a real sleep could never finish these tests.
        .lifecycle(Duration.ofMinutes(10), Duration.ofMinutes(20));
  }

  static LaunchRequest request(String flowId) {
    return LaunchRequest.builder()
        .flowId(flowId)
        .participants(Participant.of("user-456", Role.USER, Channel.of("web")))
        .channelType(Channel.of("web"))
        .build();
  }

  @Test
  @Order(1)
  void awaitCompletionOnVirtualTimeReturnsAtOnceWithTheFinalStatus(
      FlowExecutionsClient client, FlowExecutionsEmulator emulator, TestClock clock) {
    firstPort = emulator.port();
    Instant start = clock.instant();
    FlowExecution launched = client.launch(request("abc-123"));
    assertThat(launched.status()).isEqualTo(ExecutionStatus.QUEUED);

    // Half an hour of lifecycle on the emulator's clock; the test's real time bound is seconds.
    FlowExecution done =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> client.awaitCompletion(launched.flowExecutionId(), A_DAY));

    assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(Duration.between(start, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(30))
        .isLessThan(A_DAY);
    assertThat(emulator.execution(launched.flowExecutionId()).orElseThrow().status())
        .isEqualTo("COMPLETED");
  }

  @Test
  @Order(2)
  void theEmulatorIsResetBetweenTestsAndKeptForTheClass(FlowExecutionsEmulator emulator) {
    assertThat(emulator.port()).isEqualTo(firstPort);
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void awaitCompletionReportsAFailedFlow(FlowExecutionsClient client) {
    FlowExecution launched = client.launch(request("broken"));
    FlowExecution done = client.awaitCompletion(launched.flowExecutionId(), A_DAY);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("boom"));
  }

  @Test
  void awaitCompletionStillEndsAtItsDeadlineOnVirtualTime(
      FlowExecutionsClient client, TestClock clock) {
    FlowExecution launched = client.launch(request("abc-123"));
    Instant start = clock.instant();
    assertThatThrownBy(
            () -> client.awaitCompletion(launched.flowExecutionId(), Duration.ofMinutes(10)))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("still QUEUED");
    assertThat(Duration.between(start, clock.instant()))
        .isLessThanOrEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void retryBackoffPassesOnTheClockInOrder(
      FlowExecutionsClient.Builder builder, FlowExecutionsEmulator emulator, TestClock clock) {
    List<Duration> delays = new CopyOnWriteArrayList<>();
    emulator.faults().next(2, Fault.status(503));
    Instant start = clock.instant();
    try (FlowExecutionsClient client = builder.listener(retries(delays)).build()) {
      FlowExecution launched = client.launch(request("abc-123"));
      assertThat(emulator.executionCount()).isEqualTo(1);
      assertThat(emulator.launchAttempts(launched.flowExecutionId())).isEqualTo(3);
    }
    assertThat(delays).hasSize(2);
    List<Instant> launches = launchTimes(emulator);
    assertThat(launches).hasSize(3);
    // Each attempt reached the emulator exactly one backoff after the one before.
    assertThat(Duration.between(launches.get(0), launches.get(1))).isEqualTo(delays.get(0));
    assertThat(Duration.between(launches.get(1), launches.get(2))).isEqualTo(delays.get(1));
    assertThat(Duration.between(start, clock.instant()))
        .isEqualTo(delays.get(0).plus(delays.get(1)));
  }

  @Test
  void retryAfterIsWaitedOutOnTheClock(
      FlowExecutionsClient client, FlowExecutionsEmulator emulator) {
    emulator
        .faults()
        .next(Fault.rateLimited(Duration.ofSeconds(20), RetryAfterFormat.DELAY_SECONDS));
    client.launch(request("abc-123"));
    List<Instant> launches = launchTimes(emulator);
    assertThat(launches).hasSize(2);
    assertThat(Duration.between(launches.get(0), launches.get(1)))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void asyncRetriesAndPollsRunOnTheClockToo(
      FlowExecutionsClient.Builder builder, FlowExecutionsEmulator emulator, TestClock clock) {
    List<Duration> delays = new CopyOnWriteArrayList<>();
    emulator.faults().next(2, Fault.status(502));
    Instant start = clock.instant();
    try (FlowExecutionsClient client = builder.listener(retries(delays)).build()) {
      FlowExecution launched =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> client.launchAsync(request("abc-123")).join());
      List<Instant> launches = launchTimes(emulator);
      assertThat(launches).hasSize(3);
      assertThat(Duration.between(launches.get(0), launches.get(1))).isEqualTo(delays.get(0));
      assertThat(Duration.between(launches.get(1), launches.get(2))).isEqualTo(delays.get(1));

      FlowExecution done =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> client.awaitCompletionAsync(launched.flowExecutionId(), A_DAY).join());
      assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
    }
    assertThat(Duration.between(start, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
    List<Instant> reads =
        emulator.requests().stream()
            .filter(r -> r.method().equals("GET"))
            .map(ReceivedRequest::receivedAt)
            .collect(Collectors.toList());
    assertThat(reads).isSorted().hasSizeGreaterThan(3);
  }

  @Test
  void asyncCallsStillTimeOutOnTheClock(FlowExecutionsClient client) {
    FlowExecution launched = client.launch(request("abc-123"));
    assertThatThrownBy(
            () ->
                client
                    .awaitCompletionAsync(launched.flowExecutionId(), Duration.ofMinutes(5))
                    .join())
        .hasCauseInstanceOf(DeadlineExceededException.class);
  }

  @Test
  void aParameterCanNameTheClient(
      @UseClient("reader") FlowExecutionsClient reader,
      FlowExecutionsClient webhooks,
      FlowExecutionsEmulator emulator) {
    FlowExecution launched = webhooks.launch(request("abc-123"));
    assertThat(reader.get(launched.flowExecutionId()).flowExecutionId())
        .isEqualTo(launched.flowExecutionId());
    assertThatThrownBy(() -> reader.launch(request("abc-123")))
        .isInstanceOf(InsufficientScopeException.class);
    assertThat(emulator.requests().stream().map(r -> r.path()))
        .contains("/oauth/token", "/api/v2/flows/executions");
  }

  @Test
  void anUnknownClientIsAClearResolutionError(FlowExecutionsEmulator emulator) {
    assertThatThrownBy(() -> emulator.clientBuilder("nobody"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhooks")
        .hasMessageContaining("reader");
  }

  @Nested
  class NestedTests {
    @Test
    void shareTheEnclosingEmulator(FlowExecutionsEmulator emulator, FlowExecutionsClient client) {
      assertThat(emulator.port()).isEqualTo(firstPort);
      assertThat(client.launch(request("abc-123")).status()).isEqualTo(ExecutionStatus.QUEUED);
    }
  }

  private static List<Instant> launchTimes(FlowExecutionsEmulator emulator) {
    return emulator.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/api/v2/flows/executions"))
        .map(ReceivedRequest::receivedAt)
        .collect(Collectors.toList());
  }

  private static ExecutionListener retries(List<Duration> delays) {
    return new ExecutionListener() {
      @Override
      public void retryScheduled(RetryScheduled event) {
        delays.add(event.delay());
      }
    };
  }
}
