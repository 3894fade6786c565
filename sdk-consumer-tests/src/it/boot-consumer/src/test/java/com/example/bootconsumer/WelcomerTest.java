package com.example.bootconsumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.spring.boot.test.AutoConfigureFlowexecEmulator;
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

  @Test
  void aSignUpLaunchesTheWelcomeFlowOnce() {
    welcomer.welcome("s-1", "cust-1");
    welcomer.welcome("s-1", "cust-1");
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts("welcome-s-1")).isEqualTo(2);
    assertThat(context.containsBean("flowexecHealthIndicator")).isTrue();
  }
}
