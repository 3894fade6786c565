package dev.flowexec.sdk.model;

import java.util.List;
import java.util.Map;

/**
 * A contact channel: {@code voice}, {@code web}, {@code chat}, {@code sms}, {@code email} or {@code
 * messaging}.
 *
 * <p>Open: {@link #of(String)} also carries values this SDK does not know, so a channel added by
 * the service never breaks reading a response. A request refuses unknown channels at {@code
 * build()}, because the service would reject them.
 */
public final class Channel extends OpenValue {
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
  private static final Map<String, Channel> BY_VALUE = byValue(KNOWN);

  private Channel(String value, boolean known) {
    super(value, known);
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
    return of(BY_VALUE, value, unknown -> new Channel(unknown, false));
  }

  /**
   * Returns the channels this SDK knows, in the contract's order.
   *
   * @return an immutable list of the known channels
   */
  public static List<Channel> knownValues() {
    return KNOWN;
  }
}
