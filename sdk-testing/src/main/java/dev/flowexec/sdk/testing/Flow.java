package dev.flowexec.sdk.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow that the emulator knows: its id, its published versions (each with the names of its nodes)
 * and the {@link Outcome} its executions reach. A flow with no published version is unpublished:
 * launching it answers {@code 409 flow_not_published}. Immutable; each {@code with} method returns
 * a new flow.
 *
 * <pre>{@code
 * Flow.withId("abc-123").publishedVersion("1", "Start", "Greet").publishedVersion("2", "Start")
 * }</pre>
 */
public final class Flow {
  private final String id;
  private final Map<String, List<String>> versions;
  private final Outcome outcome;

  private Flow(String id, Map<String, List<String>> versions, Outcome outcome) {
    this.id = id;
    this.versions = versions;
    this.outcome = outcome;
  }

  /**
   * A flow with no published version yet, whose executions end {@code COMPLETED} with an empty
   * {@code output_data}.
   *
   * @param id the {@code flow_id}
   * @return the flow
   */
  public static Flow withId(String id) {
    return new Flow(
        Objects.requireNonNull(id, "id"),
        Collections.emptyMap(),
        Outcome.completed(Collections.emptyMap()));
  }

  /**
   * Adds a published version. The version added last is the latest, used when a launch names no
   * {@code flow_version}.
   *
   * @param version the {@code flow_version}
   * @param nodeNames the names of the version's nodes, matched exactly against {@code start_node}
   * @return a copy of this flow with the version added (or replaced)
   */
  public Flow publishedVersion(String version, String... nodeNames) {
    Objects.requireNonNull(version, "version");
    Map<String, List<String>> copy = new LinkedHashMap<>(versions);
    copy.remove(version);
    copy.put(version, List.of(nodeNames));
    return new Flow(id, Collections.unmodifiableMap(copy), outcome);
  }

  /**
   * Sets how the executions of this flow end.
   *
   * @param outcome the outcome
   * @return a copy of this flow with the outcome
   */
  public Flow outcome(Outcome outcome) {
    return new Flow(id, versions, Objects.requireNonNull(outcome, "outcome"));
  }

  /**
   * The {@code flow_id}.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The published versions in the order they were added, each with its node names.
   *
   * @return an unmodifiable map from version to node names
   */
  public Map<String, List<String>> versions() {
    return versions;
  }

  /**
   * Whether the flow has at least one published version.
   *
   * @return true if published
   */
  public boolean isPublished() {
    return !versions.isEmpty();
  }

  /**
   * The latest published version: the one added last.
   *
   * @return the version, empty if the flow is unpublished
   */
  public Optional<String> latestVersion() {
    String latest = null;
    for (String v : versions.keySet()) {
      latest = v;
    }
    return Optional.ofNullable(latest);
  }

  /**
   * How the executions of this flow end.
   *
   * @return the outcome
   */
  public Outcome outcome() {
    return outcome;
  }

  @Override
  public String toString() {
    return "Flow{id=" + id + ", versions=" + versions + ", outcome=" + outcome + "}";
  }
}
