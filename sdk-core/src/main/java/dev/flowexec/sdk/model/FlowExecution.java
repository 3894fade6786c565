package dev.flowexec.sdk.model;

import dev.flowexec.sdk.internal.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An execution of a flow, as the service reports it.
 *
 * <p>{@link #status()} moves {@code QUEUED} → {@code RUNNING} → {@code COMPLETED}, {@code FAILED}
 * or {@code CANCELLED}. {@link #outputData()} is set only on {@code COMPLETED}, {@link #error()} only
 * on {@code FAILED}. Fields the service adds later are ignored; statuses it adds later are kept.
 */
@Value.Immutable
public abstract class FlowExecution implements WithFlowExecution {
  FlowExecution() {}

  /**
   * Starts a staged builder: {@code flowExecutionId}, {@code flowId}, {@code status},
   * {@code createdAt}, then the optional fields and {@code build()}. Transports and test doubles use
   * it; applications get executions from the client.
   *
   * @return the first stage
   */
  public static ImmutableFlowExecution.FlowExecutionIdBuildStage builder() {
    return ImmutableFlowExecution.builder();
  }

  /**
   * Returns the execution's id ({@code flow_execution_id}), the one the launch chose.
   *
   * @return the id
   */
  public abstract String flowExecutionId();

  /**
   * Returns the flow's id ({@code flow_id}).
   *
   * @return the flow id
   */
  public abstract String flowId();

  /**
   * Returns where the execution is ({@code status}).
   *
   * @return the status, possibly one this SDK does not know
   */
  public abstract ExecutionStatus status();

  /**
   * Returns when the execution was created ({@code created_at}).
   *
   * @return the instant, UTC
   */
  public abstract Instant createdAt();

  /**
   * Returns the flow version that runs ({@code flow_version}).
   *
   * @return the version, if reported
   */
  public abstract Optional<String> flowVersion();

  /**
   * Returns the display name ({@code name}).
   *
   * @return the name, if set at launch
   */
  public abstract Optional<String> name();

  /**
   * Returns the channel the execution runs on ({@code channel_type}).
   *
   * @return the channel, if reported
   */
  public abstract Optional<Channel> channelType();

  /**
   * Returns when the execution last changed ({@code updated_at}).
   *
   * @return the instant, if reported
   */
  public abstract Optional<Instant> updatedAt();

  /**
   * Returns when the execution reached a final status ({@code completed_at}).
   *
   * @return the instant, once final
   */
  public abstract Optional<Instant> completedAt();

  /**
   * Returns the flow's output variables ({@code output_data}), set on {@code COMPLETED}.
   *
   * @return an immutable JSON-like map, if any
   */
  public abstract Optional<Map<String, Object>> outputData();

  /**
   * Returns why the execution failed ({@code error}), set on {@code FAILED}.
   *
   * @return the error, if any
   */
  public abstract Optional<ExecutionError> error();

  /**
   * Returns the execution's path on the service ({@code self_uri}).
   *
   * @return the path, such as {@code /api/v2/flows/executions/7f6c0a4e}, if reported
   */
  public abstract Optional<String> selfUri();

  /**
   * Tells whether the execution can no longer change.
   *
   * @return true when {@link #status()} is final
   */
  public boolean isFinal() {
    return status().isFinal();
  }

  @Value.Check
  FlowExecution normalize() {
    if (outputData().isPresent() && !JsonValues.isFrozen(outputData().get())) {
      return withOutputData(JsonValues.freezeMap(outputData().get()));
    }
    return this;
  }
}
