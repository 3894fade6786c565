package com.example.consumer;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionError;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a user's service does with the SDK: launch on an event, report what went wrong. */
public final class FlowLauncher {
  private final FlowExecutionsClient client;

  public FlowLauncher(FlowExecutionsClient client) {
    this.client = client;
  }

  /** Launches flow {@code flowId} for one user on the web channel, keyed by the event's id. */
  public FlowExecution launch(String eventId, String flowId, String userId, Optional<String> startNode) {
    LaunchRequest request = LaunchRequest.builder()
        .flowId(flowId)
        .participants(Participant.of(userId, Role.USER, Channel.WEB, Channel.VOICE))
        .channelType(Channel.WEB)
        .flowExecutionId("event-" + eventId)
        .startNode(startNode.orElse(null))
        .build();
    return client.launch(request);
  }

  /** Waits for the execution to end and says how it went. */
  public String outcome(String flowExecutionId, Duration timeout) {
    FlowExecution done = client.awaitCompletion(flowExecutionId, timeout);
    Optional<ExecutionError> error = done.error();
    return done.status() + error.map(e -> " " + e.code() + ": " + e.message()).orElse("");
  }

  /** The service's 400 as lines a person reads: {@code field (issue): message}. */
  public static List<String> describe(InvalidRequestException e) {
    List<FieldError> errors = e.fieldErrors();
    return errors.stream()
        .map(f -> f.field() + " (" + f.issue() + "): " + f.message())
        .collect(Collectors.toList());
  }
}
