package dev.flowexec.sdk.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An execution of a flow, as the service reports it.
 *
 * <p>{@link #status()} moves {@code QUEUED} → {@code RUNNING} → {@code COMPLETED}, {@code FAILED}
 * or {@code CANCELLED}. {@link #outputData()} is set only on {@code COMPLETED}, {@link #error()}
 * only on {@code FAILED}. Fields the service adds later are ignored; statuses it adds later are
 * kept.
 */
@Value.Immutable
public abstract class FlowExecution {
  FlowExecution() {}

  /**
   * Starts a staged builder: {@code flowExecutionId}, {@code flowId}, {@code status}, {@code
   * createdAt}, then the optional fields and {@code build()}. Transports and test doubles use it;
   * applications get executions from the client.
   *
   * @return the first stage
   */
  public static FlowExecutionIdStage builder() {
    return new Stages();
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

  /**
   * Returns a copy with another value of the execution's id ({@code flow_execution_id}).
   *
   * @param flowExecutionId the id
   * @return the copy
   */
  public abstract FlowExecution withFlowExecutionId(String flowExecutionId);

  /**
   * Returns a copy with another value of the flow's id ({@code flow_id}).
   *
   * @param flowId the flow id
   * @return the copy
   */
  public abstract FlowExecution withFlowId(String flowId);

  /**
   * Returns a copy with another value of where the execution is ({@code status}).
   *
   * @param status the status
   * @return the copy
   */
  public abstract FlowExecution withStatus(ExecutionStatus status);

  /**
   * Returns a copy with another value of when the execution was created ({@code created_at}).
   *
   * @param createdAt the instant, UTC
   * @return the copy
   */
  public abstract FlowExecution withCreatedAt(Instant createdAt);

  /**
   * Returns a copy with another value of the flow version that runs ({@code flow_version}).
   *
   * @param flowVersion the version; null for none
   * @return the copy
   */
  public abstract FlowExecution withFlowVersion(String flowVersion);

  /**
   * Returns a copy with another value of the display name ({@code name}).
   *
   * @param name the name; null for none
   * @return the copy
   */
  public abstract FlowExecution withName(String name);

  /**
   * Returns a copy with another value of the channel the execution runs on ({@code channel_type}).
   *
   * @param channelType the channel; null for none
   * @return the copy
   */
  public abstract FlowExecution withChannelType(Channel channelType);

  /**
   * Returns a copy with another value of when the execution last changed ({@code updated_at}).
   *
   * @param updatedAt the instant; null for none
   * @return the copy
   */
  public abstract FlowExecution withUpdatedAt(Instant updatedAt);

  /**
   * Returns a copy with another value of when the execution reached a final status ({@code
   * completed_at}).
   *
   * @param completedAt the instant; null for none
   * @return the copy
   */
  public abstract FlowExecution withCompletedAt(Instant completedAt);

  /**
   * Returns a copy with another value of the flow's output variables ({@code output_data}).
   *
   * @param outputData the JSON-like map; null for none
   * @return the copy
   */
  public abstract FlowExecution withOutputData(Map<String, Object> outputData);

  /**
   * Returns a copy with another value of why the execution failed ({@code error}).
   *
   * @param error the error; null for none
   * @return the copy
   */
  public abstract FlowExecution withError(ExecutionError error);

  /**
   * Returns a copy with another value of the execution's path on the service ({@code self_uri}).
   *
   * @param selfUri the path; null for none
   * @return the copy
   */
  public abstract FlowExecution withSelfUri(String selfUri);

  @Value.Check
  FlowExecution normalize() {
    if (outputData().isPresent() && !JsonValues.isFrozen(outputData().get())) {
      return withOutputData(JsonValues.freezeMap(outputData().get()));
    }
    return this;
  }

  /** The first stage of {@link #builder()}: the execution's id ({@code flow_execution_id}). */
  public interface FlowExecutionIdStage {
    /**
     * Sets the execution's id ({@code flow_execution_id}).
     *
     * @param flowExecutionId the id
     * @return the next stage
     */
    FlowIdStage flowExecutionId(String flowExecutionId);
  }

  /** The second stage of {@link #builder()}: the flow's id ({@code flow_id}). */
  public interface FlowIdStage {
    /**
     * Sets the flow's id ({@code flow_id}).
     *
     * @param flowId the flow id
     * @return the next stage
     */
    StatusStage flowId(String flowId);
  }

  /** The third stage of {@link #builder()}: where the execution is ({@code status}). */
  public interface StatusStage {
    /**
     * Sets where the execution is ({@code status}).
     *
     * @param status the status
     * @return the next stage
     */
    CreatedAtStage status(ExecutionStatus status);
  }

  /**
   * The fourth stage of {@link #builder()}: when the execution was created ({@code created_at}).
   */
  public interface CreatedAtStage {
    /**
     * Sets when the execution was created ({@code created_at}).
     *
     * @param createdAt the instant, UTC
     * @return the next stage
     */
    Builder createdAt(Instant createdAt);
  }

  /**
   * The last stage of {@link #builder()}: the optional fields, then {@link #build()}. Each setter
   * returns this builder; a null clears the value.
   */
  public interface Builder {
    /**
     * Sets the flow version that runs ({@code flow_version}).
     *
     * @param flowVersion the version; null for none
     * @return this builder
     */
    Builder flowVersion(String flowVersion);

    /**
     * Sets the display name ({@code name}).
     *
     * @param name the name; null for none
     * @return this builder
     */
    Builder name(String name);

    /**
     * Sets the channel the execution runs on ({@code channel_type}).
     *
     * @param channelType the channel; null for none
     * @return this builder
     */
    Builder channelType(Channel channelType);

    /**
     * Sets when the execution last changed ({@code updated_at}).
     *
     * @param updatedAt the instant; null for none
     * @return this builder
     */
    Builder updatedAt(Instant updatedAt);

    /**
     * Sets when the execution reached a final status ({@code completed_at}).
     *
     * @param completedAt the instant; null for none
     * @return this builder
     */
    Builder completedAt(Instant completedAt);

    /**
     * Sets the flow's output variables ({@code output_data}).
     *
     * @param outputData the JSON-like map; null for none
     * @return this builder
     */
    Builder outputData(Map<String, Object> outputData);

    /**
     * Sets why the execution failed ({@code error}).
     *
     * @param error the error; null for none
     * @return this builder
     */
    Builder error(ExecutionError error);

    /**
     * Sets the execution's path on the service ({@code self_uri}).
     *
     * @param selfUri the path; null for none
     * @return this builder
     */
    Builder selfUri(String selfUri);

    /**
     * Builds the execution.
     *
     * @return the execution
     */
    FlowExecution build();
  }

  /** The stages over the generated builder, which stays out of sight. */
  private static final class Stages
      implements FlowExecutionIdStage, FlowIdStage, StatusStage, CreatedAtStage, Builder {
    private final ImmutableFlowExecution.Builder builder = ImmutableFlowExecution.newBuilder();

    @Override
    public FlowIdStage flowExecutionId(String flowExecutionId) {
      builder.flowExecutionId(flowExecutionId);
      return this;
    }

    @Override
    public StatusStage flowId(String flowId) {
      builder.flowId(flowId);
      return this;
    }

    @Override
    public CreatedAtStage status(ExecutionStatus status) {
      builder.status(status);
      return this;
    }

    @Override
    public Builder createdAt(Instant createdAt) {
      builder.createdAt(createdAt);
      return this;
    }

    @Override
    public Builder flowVersion(String flowVersion) {
      builder.flowVersion(flowVersion);
      return this;
    }

    @Override
    public Builder name(String name) {
      builder.name(name);
      return this;
    }

    @Override
    public Builder channelType(Channel channelType) {
      builder.channelType(channelType);
      return this;
    }

    @Override
    public Builder updatedAt(Instant updatedAt) {
      builder.updatedAt(updatedAt);
      return this;
    }

    @Override
    public Builder completedAt(Instant completedAt) {
      builder.completedAt(completedAt);
      return this;
    }

    @Override
    public Builder outputData(Map<String, Object> outputData) {
      builder.outputData(outputData);
      return this;
    }

    @Override
    public Builder error(ExecutionError error) {
      builder.error(error);
      return this;
    }

    @Override
    public Builder selfUri(String selfUri) {
      builder.selfUri(selfUri);
      return this;
    }

    @Override
    public FlowExecution build() {
      return builder.build();
    }
  }
}
