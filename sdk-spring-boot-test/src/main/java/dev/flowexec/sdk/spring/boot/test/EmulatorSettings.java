package dev.flowexec.sdk.spring.boot.test;

import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link AutoConfigureFlowexecEmulator} asked for, as a value: equal settings share one cached
 * context.
 */
record EmulatorSettings(
    List<String> flows, String clientId, String clientSecret, List<String> scopes) {
  static EmulatorSettings of(AutoConfigureFlowexecEmulator annotation) {
    EmulatorSettings settings =
        new EmulatorSettings(
            List.of(annotation.flows()),
            annotation.clientId(),
            annotation.clientSecret(),
            List.of(annotation.scopes()));
    settings.flowsById(); // a bad flow is reported when the test class is read, not later
    return settings;
  }

  FlowExecutionsEmulator start() {
    FlowExecutionsEmulator.Builder builder =
        FlowExecutionsEmulator.builder()
            .client(clientId, clientSecret, scopes.toArray(String[]::new));
    flowsById().forEach(builder::flow);
    return builder.start();
  }

  /** Parses {@code id:version:Node,Node}; entries with the same id are versions of one flow. */
  List<Flow> flowsById() {
    Map<String, Flow> byId = new LinkedHashMap<>();
    for (String spec : flows) {
      String[] parts = spec.split(":", -1);
      // Flow ids may contain ':', so the version and nodes are the last two parts.
      if (parts.length < 3) {
        throw new IllegalArgumentException(
            "@AutoConfigureFlowexecEmulator(flows = \""
                + spec
                + "\"): write each flow as "
                + "id:version:Node,Node, such as \"order-fulfilment:3:Start,Ship,End\"");
      }
      String nodes = parts[parts.length - 1];
      String version = parts[parts.length - 2];
      String id = spec.substring(0, spec.length() - nodes.length() - version.length() - 2);
      if (id.isEmpty() || version.isEmpty() || nodes.isEmpty()) {
        throw new IllegalArgumentException(
            "@AutoConfigureFlowexecEmulator(flows = \""
                + spec
                + "\"): the id, the version "
                + "and at least one node are required, such as \"order-fulfilment:3:Start,Ship,End\"");
      }
      Flow flow = byId.computeIfAbsent(id, Flow::withId);
      byId.put(id, flow.publishedVersion(version, nodes.split(",")));
    }
    return List.copyOf(byId.values());
  }
}
