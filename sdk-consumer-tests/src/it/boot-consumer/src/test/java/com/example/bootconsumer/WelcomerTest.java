package com.example.bootconsumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.micrometer.FlowexecMetrics;
import dev.flowexec.sdk.opentelemetry.FlowexecTracing;
import dev.flowexec.sdk.spring.boot.test.AutoConfigureFlowexecEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

@SpringBootTest
@AutoConfigureFlowexecEmulator(flows = "welcome:1:Start,Send,End")
class WelcomerTest {
  @Autowired
  Welcomer welcomer;

  @Autowired
  FlowExecutionsEmulator emulator;

  @Autowired
  ApplicationContext context;

  @Autowired
  MeterRegistry meterRegistry;

  @Autowired
  WelcomeReadiness readiness;

  @Test
  void aSignUpLaunchesTheWelcomeFlowOnce() {
    welcomer.welcome("s-1", "cust-1");
    welcomer.welcome("s-1", "cust-1");
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts("welcome-s-1")).isEqualTo(2);
    assertThat(context.containsBean("flowexecHealthIndicator")).isTrue();
    assertThat(readiness.canWelcome()).isTrue();
    // Metrics and tracing wired by the starter, on the Micrometer and OpenTelemetry Boot manages.
    assertThat(context.getBeansOfType(FlowexecMetrics.class)).hasSize(1);
    assertThat(context.getBeansOfType(FlowexecTracing.class)).hasSize(1);
    assertThat(meterRegistry.find("flowexec.client.calls").tag("outcome", "success").timer().count()).isEqualTo(1);
    assertThat(meterRegistry.find("flowexec.client.calls").tag("outcome", "replayed").timer().count()).isEqualTo(1);
  }
}
