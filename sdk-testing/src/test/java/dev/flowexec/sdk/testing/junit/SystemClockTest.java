package dev.flowexec.sdk.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Plain {@code @ExtendWith}: the defaults; and a class on the system clock. */
class SystemClockTest {
  @ExtendWith(FlowExecutionsEmulatorExtension.class)
  @EmulatorFlow(id = "abc-123")
  static class Defaults {
    @Test
    void virtualTimeAndTheDefaultClient(
        FlowExecutionsEmulator emulator, FlowExecutionsClient client) {
      assertThat(emulator.clock()).isInstanceOf(dev.flowexec.sdk.testing.TestClock.class);
      assertThat(client.launch(EmulatorTestExtensionTest.request("abc-123")).status())
          .isEqualTo(ExecutionStatus.QUEUED);
      assertThat(emulator.requests().get(0).header("authorization"))
          .hasValueSatisfying(h -> assertThat(h).startsWith("Basic "));
    }
  }

  @Test
  void defaultsRunThroughTheExtension() {
    assertThat(Runner.run(Defaults.class)).isEqualTo("1 passed, 0 failed");
  }

  @EmulatorTest(virtualTime = false)
  @EmulatorFlow(id = "abc-123")
  static class RealTime {
    @Test
    void runsOnTheSystemClock(FlowExecutionsEmulator emulator, FlowExecutionsClient client) {
      assertThat(emulator.clock()).isEqualTo(Clock.systemUTC());
      String id = client.launch(EmulatorTestExtensionTest.request("abc-123")).flowExecutionId();
      assertThat(client.get(id).flowExecutionId()).isEqualTo(id);
    }

    @Test
    void hasNoTestClock(dev.flowexec.sdk.testing.TestClock clock) {
      // Not reached: resolving the parameter fails.
    }
  }

  @Test
  void aTestClockIsOnlyThereOnVirtualTime() {
    TestExecutionSummary summary = Runner.summary(RealTime.class);
    assertThat(Runner.outcome(summary)).isEqualTo("1 passed, 1 failed");
    assertThat(summary.getFailures().get(0).getException())
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("virtualTime = false");
  }
}
