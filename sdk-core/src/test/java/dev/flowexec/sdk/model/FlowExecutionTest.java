package dev.flowexec.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowExecutionTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static FlowExecution.Builder running() {
    return FlowExecution.builder()
        .flowExecutionId("7f6c0a4e")
        .flowId("abc-123")
        .status(ExecutionStatus.RUNNING)
        .createdAt(T0);
  }

  @Test
  void requiredAndOptionalFields() {
    FlowExecution e =
        running()
            .flowVersion("3")
            .name("order 42")
            .channelType(Channel.VOICE)
            .selfUri("/api/v2/flows/executions/7f6c0a4e")
            .build();
    assertThat(e.flowExecutionId()).isEqualTo("7f6c0a4e");
    assertThat(e.status()).isSameAs(ExecutionStatus.RUNNING);
    assertThat(e.isFinal()).isFalse();
    assertThat(e.outputData()).isEmpty();
    assertThat(e.error()).isEmpty();
    assertThat(e.completedAt()).isEmpty();
    assertThat(e.channelType()).contains(Channel.VOICE);
  }

  @Test
  void finalFollowsStatus() {
    assertThat(running().build().withStatus(ExecutionStatus.COMPLETED).isFinal()).isTrue();
    assertThat(running().build().withStatus(ExecutionStatus.of("PAUSED")).isFinal()).isFalse();
    FlowExecution failed =
        running()
            .build()
            .withStatus(ExecutionStatus.FAILED)
            .withError(ExecutionError.of("E_TIMEOUT", "no answer"));
    assertThat(failed.isFinal()).isTrue();
    assertThat(failed.error()).contains(ExecutionError.of("E_TIMEOUT", "no answer"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void outputDataIsDeeplyFrozen() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("score", 9);
    List<Object> list = new ArrayList<>(Arrays.asList(inner, null));
    Map<String, Object> output = new HashMap<>();
    output.put("result", list);
    output.put("nil", null);
    FlowExecution e =
        FlowExecution.builder()
            .flowExecutionId("7f6c0a4e")
            .flowId("abc-123")
            .status(ExecutionStatus.COMPLETED)
            .createdAt(T0)
            .outputData(output)
            .build();
    inner.put("score", 10);
    list.add("more");
    output.put("later", 1);
    Map<String, Object> got = e.outputData().orElseThrow();
    assertThat(got).containsOnlyKeys("result", "nil").isUnmodifiable();
    List<Object> gotList = (List<Object>) got.get("result");
    assertThat(gotList).hasSize(2).isUnmodifiable();
    assertThat((Map<String, Object>) gotList.get(0)).containsEntry("score", 9).isUnmodifiable();

    FlowExecution copy = running().build().withOutputData(output);
    output.put("after", 2);
    assertThat(copy.outputData().orElseThrow()).doesNotContainKey("after").isUnmodifiable();
  }

  @Test
  void equalsAndHashCode() {
    Map<String, Object> out = new HashMap<>();
    out.put("a", List.of(1));
    FlowExecution a = running().outputData(out).build();
    FlowExecution b = running().outputData(Map.of("a", new ArrayList<>(List.of(1)))).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(a.withStatus(ExecutionStatus.QUEUED));
    assertThat(a.toString()).contains("7f6c0a4e").contains("RUNNING");
  }
}
