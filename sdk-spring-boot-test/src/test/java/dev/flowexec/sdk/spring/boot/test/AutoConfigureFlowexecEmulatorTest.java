package dev.flowexec.sdk.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** One annotation: the application's own client talks to an emulator started for the context. */
@SpringBootTest(properties = {
    // What an application.yml for production would say; the annotation's settings win.
    "flowexec.base-url=https://flows.example.com", "flowexec.client-id=prod-client",
    "flowexec.client-secret=prod-secret"})
@AutoConfigureFlowexecEmulator(flows = {"order-flow:1:Start,End", "order-flow:2:Start,Ship,End"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureFlowexecEmulatorTest {
  @Autowired
  FlowExecutionsClient client;

  @Autowired
  FlowExecutionsEmulator emulator;

  @Value("${flowexec.base-url}")
  String baseUrl;

  @Test
  @Order(1)
  void theApplicationsClientLaunchesOnTheEmulator() {
    assertThat(baseUrl).isEqualTo(emulator.baseUrl()).startsWith("http://127.0.0.1:");
    client.launch(LaunchRequest.builder().flowId("order-flow")
        .participants(Participant.of("user-1", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .flowExecutionId("order-42")
        .build());
    assertThat(emulator.execution("order-42")).hasValueSatisfying(
        execution -> assertThat(execution.toString()).contains("order-flow"));
    Assertions.assertThatThrownBy(() -> client.launch(LaunchRequest.builder().flowId("unknown-flow")
        .participants(Participant.of("user-1", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .build())).isInstanceOf(FlowNotFoundException.class);
  }

  @Test
  @Order(2)
  void theEmulatorIsResetAfterEachTest() {
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.requestCount()).isZero();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}
}
