package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.junit.EmulatorFlow;
import dev.flowexec.sdk.testing.junit.EmulatorTest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The same launcher under sdk-testing's JUnit extension: the annotation is all the wiring. */
@EmulatorTest
@EmulatorFlow(id = "abc-123", version = "1", nodes = {"Start", "End"})
class FlowLauncherExtensionTest {
  @Test
  void retriesThroughAnOutageAndWaitsOnVirtualTime(FlowExecutionsClient client, FlowExecutionsEmulator emulator) {
    emulator.faults().next(2, Fault.status(503));
    FlowLauncher launcher = new FlowLauncher(client);

    FlowExecution launched = launcher.launch("44", "abc-123", "user-456", Optional.empty());

    assertEquals(ExecutionStatus.QUEUED, launched.status());
    assertEquals(3, emulator.launchAttempts(launched.flowExecutionId()));
    assertEquals("COMPLETED", launcher.outcome(launched.flowExecutionId(), Duration.ofMinutes(10)));
  }
}
