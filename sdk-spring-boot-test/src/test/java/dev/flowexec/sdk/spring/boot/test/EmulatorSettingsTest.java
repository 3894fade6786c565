package dev.flowexec.sdk.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.testing.Flow;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorSettingsTest {
  @Test
  void flowsAreIdVersionAndNodesAndIdsMayHoldColons() {
    List<Flow> flows =
        settings("ns:orders:2:Start,End", "ns:orders:3:Start,Ship,End", "plain:1:Only").flowsById();
    assertThat(flows).extracting(Flow::id).containsExactly("ns:orders", "plain");
    assertThat(flows.get(0).versions()).containsOnlyKeys("2", "3");
    assertThat(flows.get(0).latestVersion()).hasValue("3");
    assertThat(flows.get(0).versions().get("3")).containsExactly("Start", "Ship", "End");
  }

  @Test
  void aMalformedFlowIsReportedWithTheForm() {
    assertThatThrownBy(() -> settings("orders").flowsById())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"orders\"")
        .hasMessageContaining("id:version:Node,Node");
    assertThatThrownBy(() -> settings(":1:A").flowsById())
        .hasMessageContaining("the id, the version");
  }

  @Test
  void equalSettingsShareAContext() {
    assertThat(new FlowexecEmulatorContextCustomizer(settings("a:1:X")))
        .isEqualTo(new FlowexecEmulatorContextCustomizer(settings("a:1:X")))
        .isNotEqualTo(new FlowexecEmulatorContextCustomizer(settings("a:2:X")));
  }

  private static EmulatorSettings settings(String... flows) {
    return new EmulatorSettings(List.of(flows), "id", "secret", List.of("flow:execute"));
  }
}
