package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowLauncherTest {
  private FlowExecutionsEmulator emulator;
  private FlowExecutionsClient client;

  @BeforeEach
  void start() {
    emulator = FlowExecutionsEmulator.builder()
        .client("my-client", "my-secret", "flow:execute", "flow:execution:read")
        .flow(Flow.withId("abc-123").publishedVersion("1", "Start", "End")
            .outcome(Outcome.failed("no_answer", "the user did not pick up")))
        .lifecycle(Duration.ZERO, Duration.ZERO)
        .start();
    client = FlowExecutionsClient.builder()
        .transport(RetrofitTransport.builder()
            .baseUrl(emulator.baseUrl())
            .credentials("my-client", "my-secret")
            .build())
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  @Test
  void launchesOnceAndReportsHowTheExecutionEnded() {
    FlowLauncher launcher = new FlowLauncher(client);

    FlowExecution first = launcher.launch("42", "abc-123", "user-456", Optional.empty());
    FlowExecution again = launcher.launch("42", "abc-123", "user-456", Optional.empty());

    assertEquals(ExecutionStatus.QUEUED, first.status());
    assertEquals(first.flowExecutionId(), again.flowExecutionId());
    assertEquals(1, emulator.executionCount());
    assertEquals("FAILED no_answer: the user did not pick up",
        launcher.outcome(first.flowExecutionId(), Duration.ofSeconds(10)));
  }

  @Test
  void aBrokenRuleComesBackAsFieldErrors() {
    FlowLauncher launcher = new FlowLauncher(client);

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> launcher.launch("43", "abc-123", "user-456", Optional.of("Nowhere")));

    List<String> lines = FlowLauncher.describe(e);
    assertEquals(1, lines.size(), lines::toString);
    assertEquals("start_node (unknown_node)", lines.get(0).substring(0, lines.get(0).indexOf(':')));
  }
}
