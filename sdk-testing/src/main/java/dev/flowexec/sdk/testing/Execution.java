package dev.flowexec.sdk.testing;

import dev.flowexec.sdk.testing.internal.JsonWriter;
import dev.flowexec.sdk.testing.internal.StoredExecution;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of an execution the emulator created, as seen at the moment it was taken (the status
 * moves on with the emulator's clock; take a new snapshot to see it). Immutable.
 */
public final class Execution {
  private final StoredExecution stored;
  private final Instant seenAt;

  Execution(StoredExecution stored, Instant seenAt) {
    this.stored = stored;
    this.seenAt = seenAt;
  }

  /**
   * The {@code flow_execution_id}.
   *
   * @return the id
   */
  public String flowExecutionId() {
    return stored.id();
  }

  /**
   * The {@code flow_id}.
   *
   * @return the flow id
   */
  public String flowId() {
    return stored.flowId();
  }

  /**
   * The {@code flow_version} it runs: the requested one, or the latest published one.
   *
   * @return the version
   */
  public String flowVersion() {
    return stored.flowVersion();
  }

  /**
   * The display {@code name}.
   *
   * @return the name, empty if the launch gave none
   */
  public Optional<String> name() {
    return Optional.ofNullable(stored.name());
  }

  /**
   * The {@code channel_type}.
   *
   * @return the channel
   */
  public String channelType() {
    return stored.channelType();
  }

  /**
   * The {@code status} when the snapshot was taken.
   *
   * @return {@code QUEUED}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
   */
  public String status() {
    return stored.statusAt(seenAt);
  }

  /**
   * The {@code created_at}.
   *
   * @return the instant
   */
  public Instant createdAt() {
    return stored.createdAt();
  }

  /**
   * The {@code updated_at} when the snapshot was taken.
   *
   * @return the instant
   */
  public Instant updatedAt() {
    return stored.updatedAt(seenAt);
  }

  /**
   * The {@code completed_at} when the snapshot was taken.
   *
   * @return the instant, empty while the status is not final
   */
  public Optional<Instant> completedAt() {
    return Optional.ofNullable(stored.completedAt(seenAt));
  }

  /**
   * The launch body that created this execution, as the client sent it.
   *
   * @return the JSON text
   */
  public String launchBody() {
    return stored.rawBody();
  }

  /**
   * The execution as {@code GET /api/v2/flows/executions/{id}} would have answered it when the
   * snapshot was taken.
   *
   * @return the JSON text
   */
  public String json() {
    Map<String, Object> json = stored.toJson(seenAt);
    return JsonWriter.write(json);
  }

  @Override
  public String toString() {
    return "Execution" + json();
  }
}
