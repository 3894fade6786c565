package dev.flowexec.sdk.model;

import java.util.List;
import java.util.Map;

/**
 * A participant's role: {@code USER}, {@code AGENT}, {@code BOT} or {@code EXTERNAL}.
 *
 * <p>Open: {@link #of(String)} also carries values this SDK does not know. A request refuses
 * unknown roles at {@code build()}, because the service would reject them.
 */
public final class Role extends OpenValue {
  /** The person the flow is about, typically your customer. */
  public static final Role USER = new Role("USER", true);

  /** A human agent. */
  public static final Role AGENT = new Role("AGENT", true);

  /** An automated participant. */
  public static final Role BOT = new Role("BOT", true);

  /** Someone outside your organization, such as a partner. */
  public static final Role EXTERNAL = new Role("EXTERNAL", true);

  private static final List<Role> KNOWN = List.of(USER, AGENT, BOT, EXTERNAL);
  private static final Map<String, Role> BY_VALUE = byValue(KNOWN);

  private Role(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the role with this wire value: a constant when it is known, otherwise a new value that
   * keeps the text as it is. Matching is exact and case-sensitive, as on the wire.
   *
   * @param value the wire value, such as {@code "USER"}
   * @return the role
   * @throws NullPointerException if {@code value} is null
   */
  public static Role of(String value) {
    return of(BY_VALUE, value, unknown -> new Role(unknown, false));
  }

  /**
   * Returns the roles this SDK knows, in the contract's order.
   *
   * @return an immutable list of the known roles
   */
  public static List<Role> knownValues() {
    return KNOWN;
  }
}
