package dev.flowexec.sdk.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the scopes an identity provider grants are checked before a call is sent. The service checks
 * every token itself; this check only fails a call earlier, with a clearer message, when a token
 * certainly lacks the scope.
 *
 * <ul>
 *   <li>{@link #contract()} (the default): the granted scopes are the contract's {@code flow:*}
 *       names, extra ones (Keycloak's {@code profile email}) ignored. Requesting no {@code flow:*}
 *       scope with it is a configuration error, reported when the transport is built.
 *   <li>{@link #mapping(Map)}: the provider names scopes its own way (Azure AD's {@code
 *       api://flows/.default}); each granted name is translated to contract scopes first.
 *   <li>{@link #off()}: no check; the service decides.
 * </ul>
 */
public final class ScopeCheck {
  private static final String PREFIX = "flow:";
  private static final ScopeCheck CONTRACT = new ScopeCheck("contract", Map.of());
  private static final ScopeCheck OFF = new ScopeCheck("off", Map.of());

  private final String kind;
  private final Map<String, Set<String>> mapping;

  private ScopeCheck(String kind, Map<String, Set<String>> mapping) {
    this.kind = kind;
    this.mapping = mapping;
  }

  /**
   * Checks granted scopes as the contract names them: {@code flow:execute}, {@code
   * flow:execution:write}, {@code flow:execution:read}. The default.
   *
   * @return the check
   */
  public static ScopeCheck contract() {
    return CONTRACT;
  }

  /**
   * Sends every call without checking scopes first; a missing scope is then the service's {@code
   * 403 insufficient_scope}.
   *
   * @return the check
   */
  public static ScopeCheck off() {
    return OFF;
  }

  /**
   * Translates the provider's scope names into the contract's before checking, such as {@code
   * Map.of("api://flows/.default", List.of("flow:execute", "flow:execution:read"))}. Granted names
   * without an entry are kept as they are, so {@code flow:*} names still count.
   *
   * @param providerToContract each provider scope and the contract scopes it stands for
   * @return the check
   * @throws IllegalArgumentException when the mapping is empty or maps to a name that is not a
   *     {@code flow:*} scope
   */
  public static ScopeCheck mapping(Map<String, ? extends Collection<String>> providerToContract) {
    Objects.requireNonNull(providerToContract, "providerToContract");
    if (providerToContract.isEmpty()) {
      throw new IllegalArgumentException(
          "the scope mapping is empty: map at least one provider scope, "
              + "such as \"api://flows/.default\" to flow:execute, or use ScopeCheck.off()");
    }
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    providerToContract.forEach(
        (provider, contract) -> {
          Objects.requireNonNull(provider, "a provider scope is null");
          Set<String> names =
              new LinkedHashSet<>(
                  Objects.requireNonNull(contract, "the scopes mapped from " + provider));
          if (names.isEmpty()) {
            throw new IllegalArgumentException(
                "the scope mapping maps "
                    + provider
                    + " to nothing: map it to "
                    + "contract scopes such as flow:execute");
          }
          for (String name : names) {
            if (name == null || !name.startsWith(PREFIX)) {
              throw new IllegalArgumentException(
                  "the scope mapping maps "
                      + provider
                      + " to "
                      + name
                      + ", which is not a contract scope: use flow:execute, flow:execution:write or flow:execution:read");
            }
          }
          copy.put(provider, Collections.unmodifiableSet(names));
        });
    return new ScopeCheck("mapping", Collections.unmodifiableMap(copy));
  }

  /**
   * Tells whether this check is off.
   *
   * @return true for {@link #off()}
   */
  public boolean isOff() {
    return equals(OFF);
  }

  /**
   * Returns the scopes a token is checked against, given what the provider granted.
   *
   * @param granted the granted scopes, in the provider's names
   * @return the granted scopes with the mapping applied (both the provider's names and the contract
   *     scopes they stand for); empty when the check is off
   */
  public Optional<Set<String>> translate(Collection<String> granted) {
    if (isOff()) {
      return Optional.empty();
    }
    Set<String> result = new LinkedHashSet<>(granted);
    for (String scope : granted) {
      result.addAll(mapping.getOrDefault(scope, Set.of()));
    }
    return Optional.of(Collections.unmodifiableSet(result));
  }

  /**
   * Checks, when a client is configured, that its requested scopes can be checked at all.
   *
   * @param requested the scopes the client asks for
   * @throws IllegalStateException for {@link #contract()} when none of them is a {@code flow:*}
   *     scope, with a message saying what to configure
   */
  public void checkRequested(Collection<String> requested) {
    if (!equals(CONTRACT) || requested.stream().anyMatch(s -> s.startsWith(PREFIX))) {
      return;
    }
    String first = requested.iterator().next();
    throw new IllegalStateException(
        "scopes "
            + String.join(" ", requested)
            + " are not the contract's flow:* scopes, "
            + "so the scopes your identity provider grants cannot be checked before sending. Configure how: "
            + "scopeCheck(ScopeCheck.mapping(Map.of(\""
            + first
            + "\", List.of(\"flow:execute\", \"flow:execution:read\")))) "
            + "to check them, or scopeCheck(ScopeCheck.off()) to let the service decide");
  }

  /**
   * Tells whether a set of scopes has any of the contract's {@code flow:*} names.
   *
   * @param scopes scopes
   * @return true when one starts with {@code flow:}
   */
  static boolean speaksContract(Collection<String> scopes) {
    return scopes.stream().anyMatch(s -> s.startsWith(PREFIX));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScopeCheck
        && kind.equals(((ScopeCheck) other).kind)
        && mapping.equals(((ScopeCheck) other).mapping);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + mapping.hashCode();
  }

  /** Returns {@code ScopeCheck.contract()}, {@code ScopeCheck.off()} or the mapping. */
  @Override
  public String toString() {
    return "ScopeCheck." + kind + (mapping.isEmpty() ? "()" : "(" + mapping + ")");
  }
}
