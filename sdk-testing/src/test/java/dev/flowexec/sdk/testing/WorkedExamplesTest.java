package dev.flowexec.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three payloads of the contract's worked example, with exactly the details it lists. */
class WorkedExamplesTest {
  private static final String EXAMPLE_1 =
      "{\"flow_id\": \"abc-123\", \"participant_id\": \"user-456\"}";
  private static final String EXAMPLE_2 =
      "{\"flow_id\": \"abc-123\", \"participants\": [{\"user_id\": \"user-456\", \"role\": \"USER\","
          + " \"channels\": [\"voice\"]}], \"flow_execution_id\": \"new-execution-id-here\","
          + " \"start_node\": \"Start\"}";
  private static final String EXAMPLE_3 = "{\"flow_id\": \"...\", \"channel_type\": \"web\"}";

  private static HttpResponse<String> launch(Flow flow, String body) {
    FlowExecutionsEmulator.Builder builder = FlowExecutionsEmulator.builder();
    if (flow != null) {
      builder.flow(flow);
    }
    try (FlowExecutionsEmulator emulator = builder.start()) {
      String token = emulator.issueToken(Set.of("flow:execute"));
      HttpResponse<String> response = new RawHttp(emulator).launch(token, body);
      assertThat(emulator.executionCount()).isZero();
      return response;
    }
  }

  @Test
  void example1_unknownFieldAndThreeMissingFields() {
    HttpResponse<String> r =
        launch(Flow.withId("abc-123").publishedVersion("1", "Start"), EXAMPLE_1);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(r)).containsEntry("error_code", "invalid_request");
    assertThat(RawHttp.details(r))
        .containsExactlyInAnyOrder(
            "participant_id unknown_field",
            "participants required",
            "flow_execution_id required",
            "channel_type required");
  }

  @Test
  void example2_onlyChannelTypeWhenTheFlowHasAStartNode() {
    HttpResponse<String> r =
        launch(Flow.withId("abc-123").publishedVersion("1", "Start", "End"), EXAMPLE_2);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r)).containsExactly("channel_type required");
  }

  @Test
  void example2_alsoUnknownNodeWhenTheFlowHasNoNodeNamedStart() {
    HttpResponse<String> r =
        launch(Flow.withId("abc-123").publishedVersion("1", "start", "Begin"), EXAMPLE_2);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r))
        .containsExactlyInAnyOrder("channel_type required", "start_node unknown_node");
  }

  @Test
  void example2_onlyChannelTypeWhenTheFlowIsUnknown() {
    HttpResponse<String> r = launch(null, EXAMPLE_2);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r)).containsExactly("channel_type required");
  }

  @Test
  void example3_participantsAndExecutionIdMissing() {
    HttpResponse<String> r =
        launch(Flow.withId("abc-123").publishedVersion("1", "Start"), EXAMPLE_3);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r))
        .containsExactlyInAnyOrder("participants required", "flow_execution_id required");
  }

  @Test
  void theValidLaunchOfTheContractIsCreated() {
    String valid =
        "{\"flow_id\": \"abc-123\", \"flow_execution_id\": \"2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11\",\n"
            + " \"participants\": [{\"user_id\": \"user-456\", \"role\": \"USER\", \"channels\":"
            + " [\"voice\", \"web\"]}],\n"
            + " \"channel_type\": \"web\", \"input_data\": {\"order_id\": \"42\"}}";
    try (FlowExecutionsEmulator emulator =
        FlowExecutionsEmulator.builder()
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start()) {
      HttpResponse<String> r =
          new RawHttp(emulator).launch(emulator.issueToken(Set.of("flow:execute")), valid);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      assertThat(emulator.execution("2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11")).isPresent();
    }
  }

  @Test
  void theErrorMessageSummarisesTheDetails() {
    HttpResponse<String> r =
        launch(Flow.withId("abc-123").publishedVersion("1", "Start"), EXAMPLE_3);

    assertThat(RawHttp.json(r).get("message"))
        .isEqualTo("2 fields are invalid: participants (required), flow_execution_id (required)");
  }
}
