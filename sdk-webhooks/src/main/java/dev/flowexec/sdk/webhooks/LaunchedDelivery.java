package dev.flowexec.sdk.webhooks;

import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WebhookLauncher} did with a verified delivery: launched it (new, or replayed by the
 * service for a redelivery) or, as its mapping said, nothing. Either way the delivery is handled:
 * answer the sender {@code 2xx}. Immutable.
 */
public final class LaunchedDelivery {
  /** What was done. */
  public enum Outcome {
    /** The launch succeeded: an execution was started, or the service replayed the one an earlier delivery started. */
    LAUNCHED,
    /** The mapping returned no request: nothing was launched. */
    IGNORED
  }

  private final VerifiedDelivery delivery;
  private final LaunchRequest request;
  private final FlowExecution execution;

  LaunchedDelivery(VerifiedDelivery delivery, LaunchRequest request, FlowExecution execution) {
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.request = request;
    this.execution = execution;
  }

  /**
   * Returns what was done.
   *
   * @return {@link Outcome#LAUNCHED} or {@link Outcome#IGNORED}
   */
  public Outcome outcome() {
    return execution == null ? Outcome.IGNORED : Outcome.LAUNCHED;
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

  @Override
  public String toString() {
    return "LaunchedDelivery{" + outcome() + ", delivery=" + delivery.id()
        + (execution == null ? "" : ", execution=" + execution.flowExecutionId()) + "}";
  }
}
