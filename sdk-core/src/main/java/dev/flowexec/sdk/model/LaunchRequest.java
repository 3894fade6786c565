package dev.flowexec.sdk.model;

import dev.flowexec.sdk.internal.AllowNulls;
import dev.flowexec.sdk.internal.ExecutionIds;
import dev.flowexec.sdk.internal.RequestRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The body of {@code POST /api/v2/flows/executions}: which flow to run, for whom, on which channel.
 *
 * <p>The builder is staged: {@code flowId}, then the first {@code participant}, then
 * {@code channelType}, then the optional fields and {@code build()}. Leaving out a required field is
 * a compile error, not a {@code 400} at run time.
 *
 * <p><b>Why {@code participant} and {@code moreParticipants}:</b> the contract needs at least one
 * participant, and Immutables treats every collection as optional. So the first participant is a
 * required stage and the rest are optional; an empty participant list cannot be written.
 * {@link #participants()} gives them all, in order.
 *
 * <p>What the compiler cannot check, {@code build()} checks, with a
 * {@link dev.flowexec.sdk.errors.RequestValidationException} (an {@link IllegalArgumentException})
 * whose message names the field path, the rule and the fix, as the service's details would.
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
 *     .participant(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
 *     .channelType(Channel.WEB)
 *     .putInputData("order_id", "42")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class LaunchRequest implements WithLaunchRequest {
  LaunchRequest() {}

  /**
   * Starts a staged builder: {@code flowId}, then {@code participant}, then {@code channelType},
   * then the optional fields and {@code build()}.
   *
   * @return the first stage
   */
  public static ImmutableLaunchRequest.FlowIdBuildStage builder() {
    return ImmutableLaunchRequest.builder();
  }

  /**
   * Returns the flow to run ({@code flow_id}).
   *
   * @return 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}
   */
  public abstract String flowId();

  /**
   * Returns the first participant. A request always has one; see {@link #participants()} for all.
   *
   * @return the first participant
   */
  public abstract Participant participant();

  /**
   * Returns the participants after the first.
   *
   * @return an immutable list of at most 49 participants
   */
  public abstract List<Participant> moreParticipants();

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
   * or map used in several places counts at each). Nested lists and maps are copied at
   * {@code build()}, so the request stays immutable and is sent exactly as it was built: a mutable
   * number ({@code AtomicLong}, {@code DoubleAdder}...) is read once, any other {@link Number} type
   * is kept as the {@link java.math.BigDecimal} its {@code toString()} spells, and must spell a JSON
   * number. Text must be valid UTF-16: a lone surrogate is refused, as are NaN and infinities.
   *
   * @return an immutable map; empty means none is sent
   */
  @AllowNulls
  public abstract Map<String, Object> inputData();

  /**
   * Returns the id of the execution to start ({@code flow_execution_id}), which is also the
   * {@code Idempotency-Key}. Unless set, a random UUID made once when the request is built.
   *
   * @return 1 to 128 characters of {@code A-Z a-z 0-9 _ -}
   */
  @Value.Default
  public String flowExecutionId() {
    return ExecutionIds.randomUuid();
  }

  /**
   * Returns every participant ({@code participants} on the wire): {@link #participant()} then
   * {@link #moreParticipants()}.
   *
   * @return an immutable list of 1 to 50 participants
   */
  @Value.Auxiliary
  @Value.Lazy
  public List<Participant> participants() {
    List<Participant> all = new ArrayList<>(1 + moreParticipants().size());
    all.add(participant());
    all.addAll(moreParticipants());
    return Collections.unmodifiableList(all);
  }

  @Value.Check
  LaunchRequest normalize() {
    Map<String, Object> inputData = RequestRules.checkLaunchRequest(this);
    return inputData == inputData() ? this : withInputData(inputData);
  }
}
