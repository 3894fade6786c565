package com.example.bootconsumer;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import org.springframework.stereotype.Service;

/** Launches the welcome flow for a new customer, once per sign-up. */
@Service
public class Welcomer {
  private final FlowExecutionsClient client;

  public Welcomer(FlowExecutionsClient client) {
    this.client = client;
  }

  public FlowExecution welcome(String signUpId, String customerId) {
    return client.launch(LaunchRequest.builder()
        .flowId("welcome")
        .participants(Participant.of(customerId, Role.USER, Channel.EMAIL))
        .channelType(Channel.EMAIL)
        .flowExecutionId("welcome-" + signUpId)
        .build());
  }
}
