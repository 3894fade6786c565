package dev.flowexec.sdk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.immutables.value.Value;

/**
 * Someone taking part in an execution: a {@code user_id}, a {@link Role} and the channels they can
 * be reached on.
 *
 * <p>The builder is staged: {@link UserIdStage#userId userId}, then {@link RoleStage#role role},
 * then {@link ChannelsStage#channels channels}, then {@code build()}. The contract needs at least
 * one channel, so {@code channels(first, more...)} takes the first one apart: "no channel" cannot
 * be written.
 *
 * <pre>{@code
 * Participant alice = Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB);
 * Participant bob = Participant.builder().userId("agent-7").role(Role.AGENT).channels(Channel.CHAT).build();
 * }</pre>
 */
@Value.Immutable
public abstract class Participant {
  Participant() {}

  /**
   * Starts a staged builder: {@code userId}, then {@code role}, then {@code channels}, then
   * optional {@code addChannels} and {@code build()}.
   *
   * @return the first stage
   */
  public static UserIdStage builder() {
    return new Stages();
  }

  /**
   * Returns a participant.
   *
   * @param userId 1 to 128 characters, not blank, unique within a request
   * @param role the participant's role
   * @param channel a channel the participant can be reached on
   * @param moreChannels further channels, each at most once
   * @return the participant
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public static Participant of(String userId, Role role, Channel channel, Channel... moreChannels) {
    return builder().userId(userId).role(role).channels(channel, moreChannels).build();
  }

  /**
   * Returns the participant's id in your system ({@code user_id}).
   *
   * @return 1 to 128 characters, not blank
   */
  public abstract String userId();

  /**
   * Returns the participant's role ({@code role}).
   *
   * @return the role
   */
  public abstract Role role();

  /**
   * Returns every channel the participant can be reached on ({@code channels}), in the order they
   * were added.
   *
   * @return an immutable list of 1 to 6 distinct channels
   */
  public abstract List<Channel> channels();

  /**
   * Returns a copy with another {@code user_id}.
   *
   * @param userId 1 to 128 characters, not blank
   * @return the copy
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract Participant withUserId(String userId);

  /**
   * Returns a copy with another role.
   *
   * @param role the role
   * @return the copy
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public abstract Participant withRole(Role role);

  /**
   * Returns a copy whose channels are {@code first} then {@code more}, replacing all of them.
   *
   * @param first the first channel
   * @param more further channels, each at most once
   * @return the copy
   * @throws dev.flowexec.sdk.errors.RequestValidationException if a rule is broken
   */
  public final Participant withChannels(Channel first, Channel... more) {
    List<Channel> all = new ArrayList<>(1 + more.length);
    all.add(first);
    Collections.addAll(all, more);
    return ((ImmutableParticipant) this).withChannels(all);
  }

  @Value.Check
  void check() {
    RequestRules.checkParticipant(this);
  }

  /** The first stage of {@link #builder()}: the participant's id. */
  public interface UserIdStage {
    /**
     * Sets the participant's id in your system ({@code user_id}).
     *
     * @param userId 1 to 128 characters, not blank, unique within a request
     * @return the next stage
     */
    RoleStage userId(String userId);
  }

  /** The second stage of {@link #builder()}: the participant's role. */
  public interface RoleStage {
    /**
     * Sets the participant's role ({@code role}).
     *
     * @param role the role
     * @return the next stage
     */
    ChannelsStage role(Role role);
  }

  /** The third stage of {@link #builder()}: where the participant can be reached. */
  public interface ChannelsStage {
    /**
     * Sets the channels ({@code channels}): at least one, at most 6, each once.
     *
     * @param first the first channel
     * @param more further channels
     * @return the last stage
     */
    Builder channels(Channel first, Channel... more);
  }

  /** The last stage of {@link #builder()}: more channels, then {@link #build()}. */
  public interface Builder {
    /**
     * Adds channels after those already set.
     *
     * @param more the channels to add
     * @return this builder
     */
    Builder addChannels(Channel... more);

    /**
     * Adds channels after those already set.
     *
     * @param more the channels to add
     * @return this builder
     */
    Builder addChannels(Iterable<? extends Channel> more);

    /**
     * Builds the participant, checking every rule the compiler cannot.
     *
     * @return the participant
     * @throws dev.flowexec.sdk.errors.RequestValidationException naming each broken rule's field
     *     path and its fix
     */
    Participant build();
  }

  /** The stages over the generated builder, which stays out of sight. */
  private static final class Stages implements UserIdStage, RoleStage, ChannelsStage, Builder {
    private final ImmutableParticipant.Builder builder = ImmutableParticipant.newBuilder();

    @Override
    public RoleStage userId(String userId) {
      builder.userId(userId);
      return this;
    }

    @Override
    public ChannelsStage role(Role role) {
      builder.role(role);
      return this;
    }

    @Override
    public Builder channels(Channel first, Channel... more) {
      builder.addChannels(first).addChannels(more);
      return this;
    }

    @Override
    public Builder addChannels(Channel... more) {
      builder.addChannels(more);
      return this;
    }

    @Override
    public Builder addChannels(Iterable<? extends Channel> more) {
      builder.addAllChannels(more);
      return this;
    }

    @Override
    public Participant build() {
      return builder.build();
    }
  }
}
