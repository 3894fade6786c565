package dev.flowexec.sdk.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A participant's role: {@code USER}, {@code AGENT}, {@code BOT} or {@code EXTERNAL}.
 *
 * <p>Open: {@link #of(String)} also carries values this SDK does not know. A request refuses
 * unknown roles at {@code build()}, because the service would reject them.
 */
public final class Role {
  /** The person the flow is about, typically your customer. */
  public static final Role USER = new Role("USER", true);
  /** A human agent. */
  public static final Role AGENT = new Role("AGENT", true);
  /** An automated participant. */
  public static final Role BOT = new Role("BOT", true);
  /** Someone outside your organization, such as a partner. */
  public static final Role EXTERNAL = new Role("EXTERNAL", true);

  private static final List<Role> KNOWN = List.of(USER, AGENT, BOT, EXTERNAL);
  private static final Map<String, Role> BY_VALUE =
      KNOWN.stream().collect(Collectors.toUnmodifiableMap(Role::value, Function.identity()));

  private final String value;
  private final boolean known;

  private Role(String value, boolean known) {
    this.value = value;
    this.known = known;
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
    Role constant = BY_VALUE.get(Objects.requireNonNull(value, "value"));
    return constant != null ? constant : new Role(value, false);
  }

  /**
   * Returns the roles this SDK knows, in the contract's order.
   *
   * @return an immutable list of the known roles
   */
  public static List<Role> knownValues() {
    return KNOWN;
  }

  /**
   * Returns the wire value.
   *
   * @return the value as sent, such as {@code "USER"}
   */
  public String value() {
    return value;
  }

  /**
   * Tells whether this is one of the contract's roles.
   *
   * @return true for the constants of this class
   */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof Role && value.equals(((Role) other).value));
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
