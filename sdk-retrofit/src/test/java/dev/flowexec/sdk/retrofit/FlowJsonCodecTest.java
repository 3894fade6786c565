package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionError;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.transport.ErrorBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowJsonCodecTest {
  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String write(LaunchRequest request) {
    return new String(FlowJsonCodec.writeLaunchRequest(request), StandardCharsets.UTF_8);
  }

  @Test
  void writesTheContractsValidLaunch() {
    assertThat(TestJson.parse(write(Fixtures.launchRequest())))
        .isEqualTo(
            TestJson.parse(
                "{\"flow_id\": \"abc-123\", \"flow_execution_id\": \"2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11\","
                    + " \"participants\": [{\"user_id\": \"user-456\", \"role\": \"USER\", \"channels\": [\"voice\", \"web\"]}],"
                    + " \"channel_type\": \"web\", \"input_data\": {\"order_id\": \"42\"}}"));
  }

  @Test
  void writesEveryOptionalFieldAndEveryParticipant() {
    LaunchRequest request =
        LaunchRequest.builder()
            .flowId("abc-123")
            .participants(Participant.of("u1", Role.USER, Channel.VOICE))
            .channelType(Channel.VOICE)
            .addParticipants(Participant.of("a1", Role.AGENT, Channel.CHAT, Channel.EMAIL))
            .flowVersion("3")
            .name("order \"42\" follow-up\n")
            .startNode("Start")
            .flowExecutionId("id-1")
            .build();

    assertThat(write(request))
        .isEqualTo(
            "{\"flow_id\":\"abc-123\",\"flow_version\":\"3\",\"flow_execution_id\":\"id-1\","
                + "\"name\":\"order \\\"42\\\" follow-up\\n\",\"participants\":["
                + "{\"user_id\":\"u1\",\"role\":\"USER\",\"channels\":[\"voice\"]},"
                + "{\"user_id\":\"a1\",\"role\":\"AGENT\",\"channels\":[\"chat\",\"email\"]}],"
                + "\"channel_type\":\"voice\",\"start_node\":\"Start\"}");
  }

  @Test
  void writesNestedInputDataWithNullsAndExactNumbers() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("amount", new BigDecimal("12345678901234567890.000000001"));
    nested.put("huge", new BigInteger("123456789012345678901234567890"));
    nested.put("missing", null);
    nested.put("list", Arrays.asList(1, 2.5, null, true, "x", List.of(Map.of("deep", false))));
    LaunchRequest request =
        LaunchRequest.builder()
            .flowId("abc-123")
            .participants(Participant.of("u1", Role.USER, Channel.WEB))
            .channelType(Channel.WEB)
            .putInputData("order", nested)
            .putInputData("note", null)
            .putInputData("count", 42L)
            .flowExecutionId("id-1")
            .build();

    assertThat(write(request))
        .endsWith(
            ",\"input_data\":{\"order\":{"
                + "\"amount\":12345678901234567890.000000001,\"huge\":123456789012345678901234567890,\"missing\":null,"
                + "\"list\":[1,2.5,null,true,\"x\",[{\"deep\":false}]]},\"note\":null,\"count\":42}}");
  }

  @Test
  void writesToAStream() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FlowJsonCodec.writeLaunchRequest(Fixtures.launchRequest(), out);

    assertThat(out.toByteArray())
        .isEqualTo(FlowJsonCodec.writeLaunchRequest(Fixtures.launchRequest()));
  }

  @Test
  void roundTripsAnExecution() throws Exception {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("count", 3L);
    output.put("ratio", 0.25);
    output.put("tags", new ArrayList<>(Arrays.asList("a", null)));
    output.put("nested", Map.of("ok", true));
    FlowExecution execution =
        FlowExecution.builder()
            .flowExecutionId("id-1")
            .flowId("abc-123")
            .status(ExecutionStatus.FAILED)
            .createdAt(Instant.parse("2026-11-28T10:00:00Z"))
            .flowVersion("3")
            .name("n")
            .channelType(Channel.VOICE)
            .updatedAt(Instant.parse("2026-11-28T10:00:01.5Z"))
            .completedAt(Instant.parse("2026-11-28T10:00:02Z"))
            .outputData(output)
            .error(ExecutionError.of("E42", "it broke"))
            .selfUri("/api/v2/flows/executions/id-1")
            .build();

    byte[] json = FlowJsonCodec.writeExecution(execution);

    assertThat(FlowJsonCodec.readExecution(json)).isEqualTo(execution);
    assertThat(FlowJsonCodec.readExecution(new ByteArrayInputStream(json))).isEqualTo(execution);
  }

  @ParameterizedTest
  @ValueSource(strings = {"flow_execution_id", "flow_id", "status", "created_at"})
  void missingRequiredFieldIsNamed(String field) {
    Map<?, ?> full = (Map<?, ?>) TestJson.parse(Fixtures.executionJson("id-1", "RUNNING"));
    StringBuilder json = new StringBuilder("{");
    full.forEach(
        (name, value) -> {
          if (!name.equals(field) && value instanceof String) {
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":\"")
                .append(value)
                .append('"');
          }
        });
    json.append('}');

    FlowApiException e =
        catchThrowableOfType(
            FlowApiException.class, () -> FlowJsonCodec.readExecution(utf8(json.toString())));

    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("\"" + field + "\"");
  }

  @Test
  void nullRequiredFieldIsMissing() {
    FlowApiException e =
        catchThrowableOfType(
            FlowApiException.class,
            () ->
                FlowJsonCodec.readExecution(
                    utf8(
                        Fixtures.executionJson("id-1", "RUNNING")
                            .replace("\"flow_id\":\"abc-123\"", "\"flow_id\":null"))));

    assertThat(e.getMessage()).contains("\"flow_id\"");
  }

  @Test
  void unknownFieldsAreIgnoredAndUnknownValuesKept() {
    String json =
        "{\"future_object\":{\"a\":[1,{\"b\":null}]},\"flow_execution_id\":\"id-1\",\"flow_id\":\"f\","
            + "\"status\":\"PAUSED\",\"channel_type\":\"hologram\",\"created_at\":\"2026-11-28T10:00:00Z\","
            + "\"future_list\":[true,false],\"error\":{\"code\":\"c\",\"message\":\"m\",\"trace\":\"t\"}}";

    FlowExecution execution = FlowJsonCodec.readExecution(utf8(json));

    assertThat(execution.status().value()).isEqualTo("PAUSED");
    assertThat(execution.status().isKnown()).isFalse();
    assertThat(execution.isFinal()).isFalse();
    assertThat(execution.channelType()).contains(Channel.of("hologram"));
    assertThat(execution.error()).contains(ExecutionError.of("c", "m"));
  }

  @Test
  void nullOptionalFieldsAreAbsent() {
    FlowExecution execution =
        FlowJsonCodec.readExecution(utf8(Fixtures.executionJson("id-1", "QUEUED")));

    assertThat(execution.name()).isEmpty();
    assertThat(execution.completedAt()).isEmpty();
    assertThat(execution.outputData()).isEmpty();
    assertThat(execution.error()).isEmpty();
    assertThat(execution.flowVersion()).contains("3");
  }

  @Test
  void timestampsAcceptOffsetsAndLowerCase() {
    String json =
        "{\"flow_execution_id\":\"i\",\"flow_id\":\"f\",\"status\":\"RUNNING\","
            + "\"created_at\":\"2026-11-28T12:00:00+02:00\",\"updated_at\":\"2026-11-28t10:00:00.123z\"}";

    FlowExecution execution = FlowJsonCodec.readExecution(utf8(json));

    assertThat(execution.createdAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(execution.updatedAt()).contains(Instant.parse("2026-11-28T10:00:00.123Z"));
  }

  @Test
  void badTimestampIsMalformedNamingTheField() {
    FlowApiException e =
        catchThrowableOfType(
            FlowApiException.class,
            () ->
                FlowJsonCodec.readExecution(
                    utf8(
                        Fixtures.executionJson("i", "RUNNING")
                            .replace("2026-11-28T10:00:00Z", "yesterday"))));

    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("created_at").contains("yesterday");
  }

  @Test
  void outputDataNumbersAreLongsOrDoubles() {
    String json =
        Fixtures.executionJson("i", "COMPLETED")
            .replace(
                "\"output_data\":null",
                "\"output_data\":{\"i\":42,\"neg\":-7,\"f\":1.5,\"e\":1e3,\"big\":123456789012345678901234567890,"
                    + "\"s\":\"x\",\"n\":null,\"list\":[1,[2]],\"obj\":{\"b\":true}}");

    Map<String, Object> output = FlowJsonCodec.readExecution(utf8(json)).outputData().orElseThrow();

    assertThat(output.get("i")).isEqualTo(42L);
    assertThat(output.get("neg")).isEqualTo(-7L);
    assertThat(output.get("f")).isEqualTo(1.5);
    assertThat(output.get("e")).isEqualTo(1000.0);
    assertThat(output.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(output).containsEntry("s", "x").containsEntry("n", null);
    assertThat(output.get("list")).isEqualTo(List.of(1L, List.of(2L)));
    assertThat(output.get("obj")).isEqualTo(Map.of("b", true));
    assertThatThrownBy(() -> output.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "<html>oops</html>",
        "[]",
        "\"text\"",
        "{\"flow_execution_id\":",
        "{\"status\":{}}"
      })
  void bodiesThatAreNotAnExecutionAreMalformed(String body) {
    FlowApiException e =
        catchThrowableOfType(FlowApiException.class, () -> FlowJsonCodec.readExecution(utf8(body)));

    assertThat(e).as("body %s", body).isNotNull();
    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).startsWith("malformed response");
  }

  @Test
  void readsTheServicesErrorBody() {
    ErrorBody body =
        FlowJsonCodec.readErrorBody(
                utf8(
                    "{\"error_code\":\"rate_limited\",\"message\":\"slow\","
                        + "\"request_id\":\"r1\",\"retry_after_seconds\":3,\"required_scopes\":[\"flow:execute\"],"
                        + "\"details\":[{\"field\":\"a\",\"issue\":\"required\",\"message\":\"m\"},{\"field\":\"b\",\"issue\":\"blank\"}],"
                        + "\"extra\":{\"x\":1}}"))
            .orElseThrow();

    assertThat(body.errorCode()).contains("rate_limited");
    assertThat(body.message()).contains("slow");
    assertThat(body.requestId()).contains("r1");
    assertThat(body.retryAfterSeconds()).contains(3.0);
    assertThat(body.requiredScopes()).containsExactly("flow:execute");
    assertThat(body.details())
        .containsExactly(FieldError.of("a", "required", "m"), FieldError.of("b", "blank", ""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "<html>502</html>", "{\"unrelated\":true}", "[1]", "{\"error_code\":"})
  void bodiesThatAreNotTheServicesErrorGiveEmpty(String body) {
    assertThat(FlowJsonCodec.readErrorBody(utf8(body))).isEmpty();
  }

  @Test
  void readsATokenResponse() {
    AccessToken token =
        FlowJsonCodec.readTokenResponse(
            utf8(
                "{\"access_token\":\"tok-abc\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"flow:execution:read\"}"),
            Set.of("flow:execute"),
            Fixtures.NOW);

    assertThat(token.value()).isEqualTo("tok-abc");
    assertThat(token.grantedScopes()).contains(Set.of("flow:execution:read"));
    assertThat(token.expiresAt()).contains(Fixtures.NOW.plusSeconds(3600));
    assertThat(token.toString()).doesNotContain("tok-abc");
  }

  @Test
  void aHugeExpiresInIsCutTo366Days() {
    AccessToken token =
        FlowJsonCodec.readTokenResponse(
            utf8(
                "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":9223372036854775807}"),
            Set.of(),
            Fixtures.NOW);

    assertThat(token.expiresAt()).contains(Fixtures.NOW.plus(java.time.Duration.ofDays(366)));
  }

  @Test
  void tokenResponseWithoutScopeGrantsTheRequestedOnes() {
    AccessToken token =
        FlowJsonCodec.readTokenResponse(
            utf8("{\"access_token\":\"t\"}"),
            List.of("flow:execute", "flow:execution:read"),
            Fixtures.NOW);

    assertThat(token.grantedScopes()).contains(Set.of("flow:execute", "flow:execution:read"));
    assertThat(token.expiresAt()).isEmpty();
  }

  @Test
  void tokenResponseWithoutAccessTokenIsMalformed() {
    FlowApiException e =
        catchThrowableOfType(
            FlowApiException.class,
            () ->
                FlowJsonCodec.readTokenResponse(
                    utf8("{\"expires_in\":5}"), Set.of(), Fixtures.NOW));

    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("access_token");
  }

  @Test
  void unusableTokenIsMalformedWithoutShowingIt() {
    FlowApiException e =
        catchThrowableOfType(
            FlowApiException.class,
            () ->
                FlowJsonCodec.readTokenResponse(
                    utf8("{\"access_token\":\"has space-secretpart\"}"), Set.of(), Fixtures.NOW));

    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).doesNotContain("secretpart");
  }

  @Test
  void readsATokenError() {
    ErrorBody error =
        FlowJsonCodec.readTokenError(
                utf8(
                    "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\",\"error_uri\":\"https://x\"}"))
            .orElseThrow();

    assertThat(error.errorCode()).contains("invalid_client");
    assertThat(error.message()).contains("bad secret");
    assertThat(FlowJsonCodec.readTokenError(utf8("<html/>"))).isEmpty();
  }
}
