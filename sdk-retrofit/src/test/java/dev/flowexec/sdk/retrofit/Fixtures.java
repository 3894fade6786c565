package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import java.time.Instant;
import okhttp3.mockwebserver.MockResponse;

/** Requests, bodies and responses shared by the tests. */
final class Fixtures {
  static final String EXECUTION_ID = "2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11";
  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

  private Fixtures() {}

  static LaunchRequest launchRequest() {
    return LaunchRequest.builder()
        .flowId("abc-123")
        .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
        .channelType(Channel.WEB)
        .putInputData("order_id", "42")
        .flowExecutionId(EXECUTION_ID)
        .build();
  }

  static String executionJson(String id, String status) {
    return "{\"flow_execution_id\":\""
        + id
        + "\",\"flow_id\":\"abc-123\",\"flow_version\":\"3\","
        + "\"name\":null,\"status\":\""
        + status
        + "\",\"channel_type\":\"web\","
        + "\"created_at\":\"2026-11-28T10:00:00Z\",\"updated_at\":\"2026-11-28T10:00:01Z\","
        + "\"completed_at\":null,\"output_data\":null,\"error\":null,"
        + "\"self_uri\":\"/api/v2/flows/executions/"
        + id
        + "\"}";
  }

  static MockResponse created() {
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Content-Type", "application/json")
        .setHeader("Location", "/api/v2/flows/executions/" + EXECUTION_ID)
        .setBody(executionJson(EXECUTION_ID, "QUEUED"));
  }

  static String errorJson(String code, String message, String requestId) {
    return "{\"error_code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\",\"request_id\":\""
        + requestId
        + "\"}";
  }

  static MockResponse error(int status, String code, String message, String requestId) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setHeader("X-Request-Id", requestId)
        .setBody(errorJson(code, message, requestId));
  }

  static MockResponse token(String value, long expiresIn, String scope) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"access_token\":\""
                + value
                + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresIn
                + (scope == null ? "" : ",\"scope\":\"" + scope + "\"")
                + "}");
  }
}
