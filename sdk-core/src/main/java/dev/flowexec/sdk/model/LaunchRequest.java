package dev.flowexec.sdk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The body of {@code POST /api/v2/flows/executions}: which flow to run, for whom, on which channel.
 *
 * <p>The builder is staged: {@link FlowIdStage#flowId flowId}, then {@link
 * ParticipantsStage#participants participants}, then {@link ChannelTypeStage#channelType
 * channelType}, then the optional fields of {@link Builder} and {@code build()}. Leaving out a
 * required field is a compile error, not a {@code 400} at run time. The contract needs at least one
 * participant, so {@code participants(first, more...)} takes the first one apart: an empty
 * participant list cannot be written.
 *
 * <p>What the compiler cannot check, {@code build()} checks, with a {@link
 * dev.flowexec.sdk.errors.RequestValidationException} (an {@link IllegalArgumentException}) whose
 * message names the field path, the rule and the fix, as the service's details would.
 *
 * <p><b>Idempotency:</b> {@link #flowExecutionId()} defaults to a random UUID made once, when the
 * request is built, and every retry of this object sends it again, so a retry never starts a second
 * execution. Copies made with {@code with*} keep the id: build a new request (or call {@link
 * #withFlowExecutionId(String)}) for a new execution, and derive the id from your event's id when a
 * webhook may be delivered twice.
 *
 * <pre>{@code
 * LaunchRequest request = LaunchRequest.builder()
 *     .flowId("abc-123")
 *     .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
 *     .channelType(Channel.WEB)
 *     .putInputData("order_id", "42")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class LaunchRequest {
  LaunchRequest() {}

  /**
   * Starts a staged builder: {@code flowId}, then {@code participants}, then {@code channelType},
   * then the optional fields and {@code build()}.
   *
   * @return the first stage
   */
  public static FlowIdStage builder() {
    return new Stages();
  }

  /**
   * Returns the flow to run ({@code flow_id}).
   *
   * @return 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}
   */
  public abstract String flowId();

  /**
   * Returns every participant ({@code participants}), in the order they were added.
   *
   * @return an immutable list of 1 to 50 participants
   */
  public abstract List<Participant> participants();

  /**
   * Returns the channel the execution runs on ({@code channel_type}); at least one participant has
   * it.
   *
   * @return the channel
   */
  public abstract Channel channelType();

  /**
   * Returns the published flow version to run ({@code flow_version}).
   *
   * @return the version; absent means the latest published one
   */
  public abstract Optional<String> flowVersion();

  /**
   * Returns the display name ({@code name}).
   *
   * @return at most 200 characters, if set
   */
  public abstract Optional<String> name();

  /**
   * Returns the node to start at ({@code start_node}): a node name of the published flow version,
   * exact and case-sensitive.
   *
   * @return the node name; absent means the flow's start node
   */
  public abstract Optional<String> startNode();

  /**
   * Returns the flow's input variables ({@code input_data}): a JSON-like map whose values are
   * {@code null}, {@link String}, {@link Boolean}, {@link Number}, {@link List} or {@link Map} with
   * {@link String} keys, nested as deep as needed. Serialized, it is at most 262,144 bytes (a list
   * or map used in several places counts at each). Nested lists and maps are copied at {@code
   * build()}, so the request stays immutable and is sent exactly as it was built: a mutable number
   * ({@code AtomicLong}, {@code DoubleAdder}...) is read once, any other {@link Number} type is
   * kept as the {@link java.math.BigDecimal} its {@code toString()} spells, and must spell a JSON
   * number. Text must be valid UTF-16: a lone surrogate is refused, as are NaN and infinities.
   *
   * @return an immutable map; empty means none is sent
   */
  @AllowNulls
  public abstract Map<String, Object> inputData();

  /**
   * Returns the id of the execution to start ({@code flow_execution_id}), which is also the {@code
   * Idempotency-Key}. Unless set, a random UUID made once when the request is built.
   *
   * @return 1 to 128 characters of {@code A-Z a-z 0-9 _ -}
   */
  @Value.Default
  public String flowExecutionId() {
    return ExecutionIds.randomUuid();
  }

  /**
   * Returns a copy with another {@code flow_id}.
   *
   * @param flowId the flow to run
   * @return the copy, with the same {@code flow_execution_id}
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract LaunchRequest withFlowId(String flowId);

  /**
   * Returns a copy whose participants are {@code first} then {@code more}, replacing all of them.
   *
   * @param first the first participant
   * @param more further participants
   * @return the copy, with the same {@code flow_execution_id}
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public final LaunchRequest withParticipants(Participant first, Participant... more) {
    List<Participant> all = new ArrayList<>(1 + more.length);
    all.add(first);
    Collections.addAll(all, more);
    return ((ImmutableLaunchRequest) this).withParticipants(all);
  }

  /**
   * Returns a copy with another {@code channel_type}.
   *
   * @param channelType the channel, which a participant must have
   * @return the copy, with the same {@code flow_execution_id}
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract LaunchRequest withChannelType(Channel channelType);

  /**
   * Returns a copy with another {@code flow_version}.
   *
   * @param flowVersion the published version; null for the latest
   * @return the copy, with the same {@code flow_execution_id}
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract LaunchRequest withFlowVersion(String flowVersion);

  /**
   * Returns a copy with another display name.
   *
   * @param name at most 200 characters; null for none
   * @return the copy, with the same {@code flow_execution_id}
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract LaunchRequest withName(String name);

  /**
   * Returns a copy with another {@code start_node}.
   *
   * @param startNode a node name of the flow; null for the flow's start node
   * @return the copy, with the same {@code flow_execution_id}
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract LaunchRequest withStartNode(String startNode);

  /**
   * Returns a copy whose {@code input_data} is {@code inputData}, replacing all of it.
   *
   * @param inputData the flow's input variables, as for {@link #inputData()}
   * @return the copy, with the same {@code flow_execution_id}
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract LaunchRequest withInputData(Map<String, ? extends Object> inputData);

  /**
   * Returns a copy with another {@code flow_execution_id}, which is also its idempotency key: use
   * it to launch a new execution with the same fields.
   *
   * @param flowExecutionId 1 to 128 characters of {@code A-Z a-z 0-9 _ -}
   * @return the copy
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract LaunchRequest withFlowExecutionId(String flowExecutionId);

  @Value.Check
  LaunchRequest normalize() {
    Map<String, Object> inputData = RequestRules.checkLaunchRequest(this);
    return inputData == inputData() ? this : withInputData(inputData);
  }

  /** The first stage of {@link #builder()}: the flow to run. */
  public interface FlowIdStage {
    /**
     * Sets the flow to run ({@code flow_id}).
     *
     * @param flowId 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}
     * @return the next stage
     */
    ParticipantsStage flowId(String flowId);
  }

  /** The second stage of {@link #builder()}: who takes part. */
  public interface ParticipantsStage {
    /**
     * Sets the participants ({@code participants}): at least one, at most 50, each {@code user_id}
     * once. {@link Builder#addParticipants(Participant...)} adds more later.
     *
     * @param first the first participant
     * @param more further participants
     * @return the next stage
     */
    ChannelTypeStage participants(Participant first, Participant... more);
  }

  /** The third stage of {@link #builder()}: the channel the execution runs on. */
  public interface ChannelTypeStage {
    /**
     * Sets the channel the execution runs on ({@code channel_type}); at least one participant must
     * have it.
     *
     * @param channelType the channel
     * @return the last stage, with the optional fields
     */
    Builder channelType(Channel channelType);
  }

  /**
   * The last stage of {@link #builder()}: the optional fields, then {@link #build()}. Each setter
   * returns this builder; a null clears an optional value.
   */
  public interface Builder {
    /**
     * Adds participants after those already set.
     *
     * @param more the participants to add
     * @return this builder
     */
    Builder addParticipants(Participant... more);

    /**
     * Adds participants after those already set.
     *
     * @param more the participants to add
     * @return this builder
     */
    Builder addParticipants(Iterable<? extends Participant> more);

    /**
     * Sets the published flow version to run ({@code flow_version}).
     *
     * @param flowVersion the version; null for the latest published one
     * @return this builder
     */
    Builder flowVersion(String flowVersion);

    /**
     * Sets the display name ({@code name}).
     *
     * @param name at most 200 characters; null for none
     * @return this builder
     */
    Builder name(String name);

    /**
     * Sets the node to start at ({@code start_node}).
     *
     * @param startNode a node name of the published flow version; null for the flow's start node
     * @return this builder
     */
    Builder startNode(String startNode);

    /**
     * Puts one input variable into {@code input_data}; see {@link LaunchRequest#inputData()} for
     * the values allowed.
     *
     * @param key the variable's name
     * @param value its JSON-like value, possibly null
     * @return this builder
     */
    Builder putInputData(String key, Object value);

    /**
     * Puts every entry of {@code inputData} into {@code input_data}.
     *
     * @param inputData the variables to put
     * @return this builder
     */
    Builder putAllInputData(Map<String, ? extends Object> inputData);

    /**
     * Sets the id of the execution to start ({@code flow_execution_id}), which is also the {@code
     * Idempotency-Key}: derive it from your event's id when an event may arrive twice.
     *
     * @param flowExecutionId 1 to 128 characters of {@code A-Z a-z 0-9 _ -}
     * @return this builder
     */
    Builder flowExecutionId(String flowExecutionId);

    /**
     * Builds the request, checking every rule the compiler cannot.
     *
     * @return the request
     * @throws dev.flowexec.sdk.errors.RequestValidationException naming each broken rule's field
     *     path and its fix
     */
    LaunchRequest build();
  }

  /** The stages over the generated builder, which stays out of sight. */
  private static final class Stages
      implements FlowIdStage, ParticipantsStage, ChannelTypeStage, Builder {
    private final ImmutableLaunchRequest.Builder builder = ImmutableLaunchRequest.newBuilder();

    @Override
    public ParticipantsStage flowId(String flowId) {
      builder.flowId(flowId);
      return this;
    }

    @Override
    public ChannelTypeStage participants(Participant first, Participant... more) {
      builder.addParticipants(first).addParticipants(more);
      return this;
    }

    @Override
    public Builder channelType(Channel channelType) {
      builder.channelType(channelType);
      return this;
    }

    @Override
    public Builder addParticipants(Participant... more) {
      builder.addParticipants(more);
      return this;
    }

    @Override
    public Builder addParticipants(Iterable<? extends Participant> more) {
      builder.addAllParticipants(more);
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
    public Builder startNode(String startNode) {
      builder.startNode(startNode);
      return this;
    }

    @Override
    public Builder putInputData(String key, Object value) {
      builder.putInputData(key, value);
      return this;
    }

    @Override
    public Builder putAllInputData(Map<String, ? extends Object> inputData) {
      builder.putAllInputData(inputData);
      return this;
    }

    @Override
    public Builder flowExecutionId(String flowExecutionId) {
      builder.flowExecutionId(flowExecutionId);
      return this;
    }

    @Override
    public LaunchRequest build() {
      return builder.build();
    }
  }
}
