package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Requests, executions and failures the client tests share. */
final class TestValues {
  private TestValues() {}

  static LaunchRequest request() {
    return LaunchRequest.builder()
        .flowId("abc-123")
        .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
        .channelType(Channel.WEB)
        .putInputData("order_id", "42")
        .build();
  }

  static FlowExecution execution(String id, ExecutionStatus status) {
    return FlowExecution.builder()
        .flowExecutionId(id)
        .flowId("abc-123")
        .status(status)
        .createdAt(Instant.parse("2026-11-28T10:00:00Z"))
        .build();
  }

  static ServerException unavailable() {
    return new ServerException("503 unavailable", 503, "unavailable", "req_1", null);
  }

  static RateLimitedException rateLimited(Duration retryAfter) {
    return new RateLimitedException("429 rate_limited", 429, "rate_limited", "req_2", retryAfter);
  }

  static TransportException connectionReset() {
    return TransportException.maybeSent("connection reset", new IOException("reset"));
  }

  static IdempotencyConflictException inProgress() {
    return new IdempotencyConflictException(
        "409 request_in_progress", 409, IdempotencyConflictException.REQUEST_IN_PROGRESS, "req_3");
  }
}
