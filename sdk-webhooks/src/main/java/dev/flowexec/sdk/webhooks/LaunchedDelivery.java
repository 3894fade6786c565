package dev.flowexec.sdk.webhooks;

import dev.flowexec.sdk.ResponseMetadata;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WebhookLauncher} did with a verified delivery: started an execution, found the one an
 * earlier delivery started (the service replayed it), or, as its mapping said, nothing. Every
 * outcome means the delivery is handled: answer the sender {@code 2xx}. Immutable.
 */
public final class LaunchedDelivery {
  /** What was done. */
  public enum Outcome {
    /** A new execution was started ({@code 201}). */
    STARTED,
    /**
     * The service replayed the execution an earlier launch under the same derived id started
     * ({@code 200}, {@code Idempotent-Replayed}): a redelivery whose first launch this launcher did
     * not see succeed (it failed on the way back, or ran on another node). Nothing new started.
     */
    REPLAYED,
    /** The mapping returned no request: nothing was launched. */
    IGNORED
  }

  private final VerifiedDelivery delivery;
  private final LaunchRequest request;
  private final FlowExecution execution;
  private final ResponseMetadata metadata;

  LaunchedDelivery(
      VerifiedDelivery delivery,
      LaunchRequest request,
      FlowExecution execution,
      ResponseMetadata metadata) {
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.request = request;
    this.execution = execution;
    this.metadata = metadata;
  }

  /**
   * Returns what was done.
   *
   * @return {@link Outcome#STARTED}, {@link Outcome#REPLAYED} or {@link Outcome#IGNORED}
   */
  public Outcome outcome() {
    if (execution == null) {
      return Outcome.IGNORED;
    }
    return metadata.replayed() ? Outcome.REPLAYED : Outcome.STARTED;
  }

  /**
   * Returns the verified delivery.
   *
   * @return the delivery
   */
  public VerifiedDelivery delivery() {
    return delivery;
  }

  /**
   * Returns the request launched, with its derived {@code flow_execution_id}.
   *
   * @return the request; empty when ignored
   */
  public Optional<LaunchRequest> request() {
    return Optional.ofNullable(request);
  }

  /**
   * Returns the execution the service answered with.
   *
   * @return the execution; empty when ignored
   */
  public Optional<FlowExecution> execution() {
    return Optional.ofNullable(execution);
  }

  /**
   * Returns what the service answered the launch with: status, request id, attempts, elapsed time.
   *
   * @return the metadata; empty when ignored
   */
  public Optional<ResponseMetadata> metadata() {
    return Optional.ofNullable(metadata);
  }

  @Override
  public String toString() {
    return "LaunchedDelivery{"
        + outcome()
        + ", delivery="
        + delivery.id()
        + (execution == null ? "" : ", execution=" + execution.flowExecutionId())
        + "}";
  }
}
