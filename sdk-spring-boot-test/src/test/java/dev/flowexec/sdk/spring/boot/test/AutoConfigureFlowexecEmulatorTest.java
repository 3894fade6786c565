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
@SpringBootTest(
    properties = {
      // What an application.yml for production would say, with its identity provider; the
      // annotation's settings win, and the provider's settings do not reach the emulator.
      "flowexec.base-url=https://flows.example.com",
      "flowexec.auth.client-id=prod-client",
      "flowexec.auth.client-secret=prod-secret",
      "flowexec.auth.token-url=https://login.example.com/realms/flows/protocol/openid-connect/token",
      "flowexec.auth.client-auth-method=client-secret-post",
      "flowexec.auth.token-parameters.audience=flows-api",
      "flowexec.auth.scope-mapping[api\\://flows/.default]=flow:execute,flow:execution:read"
    })
@AutoConfigureFlowexecEmulator(flows = {"order-flow:1:Start,End", "order-flow:2:Start,Ship,End"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureFlowexecEmulatorTest {
  @Autowired FlowExecutionsClient client;

  @Autowired FlowExecutionsEmulator emulator;

  @Value("${flowexec.base-url}")
  String baseUrl;

  @Test
  @Order(1)
  void theApplicationsClientLaunchesOnTheEmulator() {
    assertThat(baseUrl).isEqualTo(emulator.baseUrl()).startsWith("http://127.0.0.1:");
    client.launch(
        LaunchRequest.builder()
            .flowId("order-flow")
            .participants(Participant.of("user-1", Role.USER, Channel.WEB))
            .channelType(Channel.WEB)
            .flowExecutionId("order-42")
            .build());
    assertThat(emulator.execution("order-42"))
        .hasValueSatisfying(execution -> assertThat(execution.toString()).contains("order-flow"));
    // The production identity provider's URL and client_secret_post did not reach the emulator.
    assertThat(emulator.requests())
        .filteredOn(request -> request.path().equals("/oauth/token"))
        .singleElement()
        .satisfies(
            token ->
                assertThat(token.header("Authorization"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic ")));
    Assertions.assertThatThrownBy(
            () ->
                client.launch(
                    LaunchRequest.builder()
                        .flowId("unknown-flow")
                        .participants(Participant.of("user-1", Role.USER, Channel.WEB))
                        .channelType(Channel.WEB)
                        .build()))
        .isInstanceOf(FlowNotFoundException.class);
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
