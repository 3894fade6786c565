package dev.flowexec.sdk.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A contact channel: {@code voice}, {@code web}, {@code chat}, {@code sms}, {@code email} or
 * {@code messaging}.
 *
 * <p>Open: {@link #of(String)} also carries values this SDK does not know, so a channel added by
 * the service never breaks reading a response. A request refuses unknown channels at
 * {@code build()}, because the service would reject them.
 */
public final class Channel {
  /** Phone call. */
  public static final Channel VOICE = new Channel("voice", true);
  /** Web page or widget. */
  public static final Channel WEB = new Channel("web", true);
  /** Live chat. */
  public static final Channel CHAT = new Channel("chat", true);
  /** Text message. */
  public static final Channel SMS = new Channel("sms", true);
  /** E-mail. */
  public static final Channel EMAIL = new Channel("email", true);
  /** Asynchronous messaging apps. */
  public static final Channel MESSAGING = new Channel("messaging", true);

  private static final List<Channel> KNOWN = List.of(VOICE, WEB, CHAT, SMS, EMAIL, MESSAGING);
  private static final Map<String, Channel> BY_VALUE =
      KNOWN.stream().collect(Collectors.toUnmodifiableMap(Channel::value, Function.identity()));

  private final String value;
  private final boolean known;

  private Channel(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /**
   * Returns the channel with this wire value: a constant when it is known, otherwise a new value
   * that keeps the text as it is. Matching is exact and case-sensitive, as on the wire.
   *
   * @param value the wire value, such as {@code "voice"}
   * @return the channel
   * @throws NullPointerException if {@code value} is null
   */
  public static Channel of(String value) {
    Channel constant = BY_VALUE.get(Objects.requireNonNull(value, "value"));
    return constant != null ? constant : new Channel(value, false);
  }

  /**
   * Returns the channels this SDK knows, in the contract's order.
   *
   * @return an immutable list of the known channels
   */
  public static List<Channel> knownValues() {
    return KNOWN;
  }

  /**
   * Returns the wire value.
   *
   * @return the value as sent and received, such as {@code "voice"}
   */
  public String value() {
    return value;
  }

  /**
   * Tells whether this is one of the contract's channels.
   *
   * @return true for the constants of this class
   */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof Channel && value.equals(((Channel) other).value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Returns the wire value. */
  @Override
  public String toString() {
    return value;
  }
}
