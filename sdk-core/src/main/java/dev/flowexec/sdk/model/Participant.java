package dev.flowexec.sdk.model;

import dev.flowexec.sdk.internal.RequestRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.immutables.value.Value;

/**
 * Someone taking part in an execution: a {@code user_id}, a {@link Role} and the channels they can
 * be reached on.
 *
 * <p><b>Why {@code channel} and {@code moreChannels}:</b> the contract needs at least one channel,
 * and Immutables treats every collection as optional. So the first channel is a required stage of
 * the builder and the rest are optional; "no channel" cannot be written. {@link #channels()} gives
 * them all, in order.
 *
 * <pre>{@code
 * Participant alice = Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB);
 * Participant bob = Participant.builder().userId("agent-7").role(Role.AGENT).channel(Channel.CHAT).build();
 * }</pre>
 */
@Value.Immutable
public abstract class Participant implements WithParticipant {
  Participant() {}

  /**
   * Starts a staged builder: {@code userId}, then {@code role}, then the first {@code channel},
   * then optional {@code addMoreChannels} and {@code build()}.
   *
   * @return the first stage
   */
  public static ImmutableParticipant.UserIdBuildStage builder() {
    return ImmutableParticipant.builder();
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
    return builder().userId(userId).role(role).channel(channel).addMoreChannels(moreChannels).build();
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
   * Returns the first channel. A participant always has one; see {@link #channels()} for all.
   *
   * @return the first channel
   */
  public abstract Channel channel();

  /**
   * Returns the channels after the first.
   *
   * @return an immutable list, possibly empty
   */
  public abstract List<Channel> moreChannels();

  /**
   * Returns every channel ({@code channels} on the wire): {@link #channel()} then
   * {@link #moreChannels()}.
   *
   * @return an immutable list of 1 to 6 distinct channels
   */
  @Value.Auxiliary
  @Value.Lazy
  public List<Channel> channels() {
    List<Channel> all = new ArrayList<>(1 + moreChannels().size());
    all.add(channel());
    all.addAll(moreChannels());
    return Collections.unmodifiableList(all);
  }

  @Value.Check
  void check() {
    RequestRules.checkParticipant(this);
  }
}
