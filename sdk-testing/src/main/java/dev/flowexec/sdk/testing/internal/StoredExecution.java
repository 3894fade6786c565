package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An execution the emulator has created. Its status is not stored but computed from the clock:
 * {@code QUEUED} until {@code queuedFor} has passed since creation, then {@code RUNNING} for {@code
 * runningFor}, then the flow's {@link Outcome}. Immutable.
 */
public final class StoredExecution {
  private final String id;
  private final String flowId;
  private final String flowVersion;
  private final String name;
  private final String channelType;
  private final Instant createdAt;
  private final Duration queuedFor;
  private final Duration runningFor;
  private final Outcome outcome;
  private final String canonicalBody;
  private final String rawBody;

  /**
   * Creates an execution.
   *
   * @param id the {@code flow_execution_id}
   * @param flowId the {@code flow_id}
   * @param flowVersion the resolved {@code flow_version}
   * @param name the display name, or {@code null}
   * @param channelType the {@code channel_type}
   * @param createdAt when it was created
   * @param queuedFor how long it stays {@code QUEUED}
   * @param runningFor how long it then stays {@code RUNNING}
   * @param outcome how it ends
   * @param canonicalBody the launch body in canonical JSON, to recognize an identical replay
   * @param rawBody the launch body as received
   */
  public StoredExecution(
      String id,
      String flowId,
      String flowVersion,
      String name,
      String channelType,
      Instant createdAt,
      Duration queuedFor,
      Duration runningFor,
      Outcome outcome,
      String canonicalBody,
      String rawBody) {
    this.id = id;
    this.flowId = flowId;
    this.flowVersion = flowVersion;
    this.name = name;
    this.channelType = channelType;
    this.createdAt = createdAt;
    this.queuedFor = queuedFor;
    this.runningFor = runningFor;
    this.outcome = outcome;
    this.canonicalBody = canonicalBody;
    this.rawBody = rawBody;
  }

  /**
   * The {@code flow_execution_id}.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The {@code flow_id}.
   *
   * @return the flow id
   */
  public String flowId() {
    return flowId;
  }

  /**
   * The resolved {@code flow_version}.
   *
   * @return the version
   */
  public String flowVersion() {
    return flowVersion;
  }

  /**
   * The display name.
   *
   * @return the name, or {@code null}
   */
  public String name() {
    return name;
  }

  /**
   * The {@code channel_type}.
   *
   * @return the channel
   */
  public String channelType() {
    return channelType;
  }

  /**
   * When the execution was created.
   *
   * @return the instant
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * The launch body in canonical JSON.
   *
   * @return the canonical body
   */
  public String canonicalBody() {
    return canonicalBody;
  }

  /**
   * The launch body as the first successful launch sent it.
   *
   * @return the body
   */
  public String rawBody() {
    return rawBody;
  }

  /**
   * The status at an instant.
   *
   * @param now the instant
   * @return {@code QUEUED}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
   */
  public String statusAt(Instant now) {
    if (!now.isAfter(createdAt) || now.isBefore(runningFrom())) {
      return "QUEUED";
    }
    if (outcome.kind() == Outcome.Kind.STAYS_RUNNING || now.isBefore(finishedAt())) {
      return "RUNNING";
    }
    return outcome.kind().name();
  }

  /**
   * When the status last changed, as seen at an instant.
   *
   * @param now the instant
   * @return the instant of the last change
   */
  public Instant updatedAt(Instant now) {
    switch (statusAt(now)) {
      case "QUEUED":
        return createdAt;
      case "RUNNING":
        return runningFrom();
      default:
        return finishedAt();
    }
  }

  /**
   * When the execution reached a final status, as seen at an instant.
   *
   * @param now the instant
   * @return the instant, or {@code null} while not final
   */
  public Instant completedAt(Instant now) {
    String status = statusAt(now);
    return status.equals("QUEUED") || status.equals("RUNNING") ? null : finishedAt();
  }

  /**
   * The execution body of the contract as seen at an instant.
   *
   * @param now the instant
   * @return the JSON object
   */
  public Map<String, Object> toJson(Instant now) {
    String status = statusAt(now);
    Instant completedAt = completedAt(now);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("flow_execution_id", id);
    json.put("flow_id", flowId);
    json.put("flow_version", flowVersion);
    json.put("name", name);
    json.put("status", status);
    json.put("channel_type", channelType);
    json.put("created_at", HttpDates.rfc3339(createdAt));
    json.put("updated_at", HttpDates.rfc3339(updatedAt(now)));
    json.put("completed_at", completedAt == null ? null : HttpDates.rfc3339(completedAt));
    json.put("output_data", status.equals("COMPLETED") ? outcome.outputData().orElse(null) : null);
    Map<String, Object> error = null;
    if (status.equals("FAILED")) {
      error = new LinkedHashMap<>();
      error.put("code", outcome.errorCode().orElse(null));
      error.put("message", outcome.errorMessage().orElse(null));
    }
    json.put("error", error);
    json.put("self_uri", "/api/v2/flows/executions/" + id);
    return json;
  }

  /**
   * The outcome this execution reaches.
   *
   * @return the outcome
   */
  public Outcome outcome() {
    return outcome;
  }

  private Instant runningFrom() {
    return createdAt.plus(queuedFor);
  }

  private Instant finishedAt() {
    return runningFrom().plus(runningFor);
  }
}
