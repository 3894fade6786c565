package dev.flowexec.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.errors.RequestValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Defaults, idempotency, derived lists, immutability and value semantics of the request. */
class LaunchRequestTest {
  private static final Participant ALICE =
      Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB);
  private static final Participant BOB = Participant.of("bob", Role.AGENT, Channel.CHAT);

  private static LaunchRequest.Builder builder() {
    return LaunchRequest.builder().flowId("abc-123").participants(ALICE).channelType(Channel.WEB);
  }

  @Test
  void flowExecutionIdDefaultsToAUuidMadeOncePerObject() {
    LaunchRequest request = builder().build();
    String id = request.flowExecutionId();
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(request.flowExecutionId()).isEqualTo(id).isSameAs(request.flowExecutionId());
    assertThat(builder().build().flowExecutionId()).isNotEqualTo(id);
  }

  @Test
  void twoBuildsOfOneBuilderGetDifferentIds() {
    LaunchRequest.Builder b = builder();
    assertThat(b.build().flowExecutionId()).isNotEqualTo(b.build().flowExecutionId());
  }

  @Test
  void withCopiesKeepTheId() {
    LaunchRequest request = builder().build();
    LaunchRequest renamed =
        request
            .withName("follow-up")
            .withStartNode("Start")
            .withFlowVersion("3")
            .withInputData(Map.of("a", 1))
            .withParticipants(ALICE, BOB)
            .withChannelType(Channel.CHAT);
    assertThat(renamed.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(renamed.name()).contains("follow-up");
    assertThat(renamed).isNotEqualTo(request);
  }

  @Test
  void withFlowExecutionIdReplacesAndRevalidates() {
    LaunchRequest request = builder().build();
    LaunchRequest other = request.withFlowExecutionId("evt-42");
    assertThat(other.flowExecutionId()).isEqualTo("evt-42");
    assertThat(request.flowExecutionId()).isNotEqualTo("evt-42");
    assertThatThrownBy(() -> request.withFlowExecutionId("evt:42"))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("flow_execution_id has ':' at index 3");
    assertThatThrownBy(() -> request.withFlowExecutionId(""))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("flow_execution_id is blank");
  }

  @Test
  void explicitIdIsKept() {
    assertThat(builder().flowExecutionId("evt-1").build().flowExecutionId()).isEqualTo("evt-1");
  }

  @Test
  void participantsAreKeptInTheOrderAdded() {
    Participant carol = Participant.of("carol", Role.EXTERNAL, Channel.EMAIL);
    Participant dave = Participant.of("dave", Role.EXTERNAL, Channel.SMS);
    LaunchRequest request =
        LaunchRequest.builder()
            .flowId("abc-123")
            .participants(ALICE, BOB)
            .channelType(Channel.WEB)
            .addParticipants(carol)
            .addParticipants(List.of(dave))
            .build();
    assertThat(request.participants()).containsExactly(ALICE, BOB, carol, dave).isUnmodifiable();
    assertThat(builder().build().participants()).containsExactly(ALICE);
  }

  @Test
  void withParticipantsReplacesThemAll() {
    LaunchRequest request = builder().addParticipants(BOB).build();
    Participant carol = Participant.of("carol", Role.EXTERNAL, Channel.WEB);
    assertThat(request.withParticipants(carol).participants()).containsExactly(carol);
    assertThat(request.withParticipants(carol, ALICE).participants()).containsExactly(carol, ALICE);
    assertThatThrownBy(() -> request.withParticipants(ALICE, ALICE))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("participants[1].user_id");
  }

  @Test
  void channelsAreKeptInTheOrderAdded() {
    Participant p =
        Participant.builder()
            .userId("u")
            .role(Role.BOT)
            .channels(Channel.SMS, Channel.WEB)
            .addChannels(Channel.EMAIL)
            .addChannels(List.of(Channel.CHAT))
            .build();
    assertThat(p.channels())
        .containsExactly(Channel.SMS, Channel.WEB, Channel.EMAIL, Channel.CHAT)
        .isUnmodifiable();
    assertThat(p.withChannels(Channel.VOICE).channels()).containsExactly(Channel.VOICE);
    assertThat(Participant.of("u", Role.USER, Channel.WEB).channels()).containsExactly(Channel.WEB);
  }

  @Test
  @SuppressWarnings("unchecked")
  void inputDataIsDeeplyCopiedAndUnmodifiable() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("x", 1);
    List<Object> list = new ArrayList<>(Arrays.asList("a", inner));
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("inner", inner);
    top.put("list", list);
    top.put("nil", null);
    LaunchRequest request = builder().putAllInputData(top).build();

    inner.put("x", 2);
    inner.put("y", 3);
    list.add("b");
    top.put("later", true);

    Map<String, Object> data = request.inputData();
    assertThat(data).containsOnlyKeys("inner", "list", "nil").containsEntry("nil", null);
    assertThat((Map<String, Object>) data.get("inner")).containsExactly(Map.entry("x", 1));
    List<Object> gotList = (List<Object>) data.get("list");
    assertThat(gotList).hasSize(2);
    assertThat((Map<String, Object>) gotList.get(1)).containsExactly(Map.entry("x", 1));

    assertThat(data).isUnmodifiable();
    assertThat((Map<String, Object>) data.get("inner")).isUnmodifiable();
    assertThat(gotList).isUnmodifiable();
    assertThat((Map<String, Object>) gotList.get(1)).isUnmodifiable();
    Map.Entry<String, Object> entry =
        ((Map<String, Object>) data.get("inner")).entrySet().iterator().next();
    assertThatThrownBy(() -> entry.setValue(9)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void withInputDataIsFrozenToo() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("x", 1);
    Map<String, Object> top = new HashMap<>();
    top.put("inner", inner);
    LaunchRequest request = builder().build().withInputData(top);
    inner.put("x", 2);
    top.put("y", 1);
    assertThat(request.inputData()).containsOnlyKeys("inner");
    assertThat((Map<String, Object>) request.inputData().get("inner"))
        .containsEntry("x", 1)
        .isUnmodifiable();
  }

  @Test
  void nullsAllowedInInputData() {
    LaunchRequest request =
        builder().putInputData("a", null).putInputData("b", Arrays.asList(null, null)).build();
    assertThat(request.inputData()).containsEntry("a", null);
    assertThat((List<?>) request.inputData().get("b")).containsExactly(null, null);
  }

  @Test
  void equalsHashCodeToString() {
    LaunchRequest a = builder().flowExecutionId("id-1").putInputData("k", List.of(1)).build();
    LaunchRequest b =
        builder().flowExecutionId("id-1").putInputData("k", new ArrayList<>(List.of(1))).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a)
        .isNotEqualTo(builder().flowExecutionId("id-2").putInputData("k", List.of(1)).build());
    assertThat(a.toString())
        .contains("flowId=abc-123")
        .contains("flowExecutionId=id-1")
        .contains("channelType=web")
        .contains("user-456");
    assertThat(Participant.of("u", Role.USER, Channel.WEB))
        .isEqualTo(Participant.of("u", Role.USER, Channel.of("web")))
        .hasSameHashCodeAs(Participant.of("u", Role.USER, Channel.WEB))
        .isNotEqualTo(Participant.of("u", Role.AGENT, Channel.WEB));
    assertThat(ExecutionError.of("E1", "boom"))
        .isEqualTo(ExecutionError.of("E1", "boom"))
        .hasSameHashCodeAs(ExecutionError.of("E1", "boom"))
        .isNotEqualTo(ExecutionError.of("E2", "boom"));
    assertThat(ExecutionError.of("E1", "boom").toString()).contains("E1").contains("boom");
  }

  @Test
  void requiredValuesRefuseNull() {
    assertThatThrownBy(() -> LaunchRequest.builder().flowId(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Participant.builder().userId("u").role(null))
        .isInstanceOf(NullPointerException.class);
  }
}
