package dev.flowexec.sdk.auth;

import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.transport.Operation;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The contract's OAuth scopes by name, and the checks over them. Which scopes each operation
 * accepts is the one table {@link Operation#acceptedScopes()}; any one of them suffices, and {@code
 * flow:read} alone allows neither operation.
 */
public final class Scopes {
  /** Launch and read executions; the canonical launch scope. */
  public static final String FLOW_EXECUTE = "flow:execute";

  /** An alias of {@link #FLOW_EXECUTE}. */
  public static final String FLOW_EXECUTION_WRITE = "flow:execution:write";

  /** Read executions only. */
  public static final String FLOW_EXECUTION_READ = "flow:execution:read";

  private static final Set<String> DEFAULT_REQUEST = ordered(FLOW_EXECUTE, FLOW_EXECUTION_READ);

  private Scopes() {}

  /**
   * Returns the scopes a client asks for by default: {@code flow:execute flow:execution:read}.
   *
   * @return an immutable, ordered set
   */
  public static Set<String> defaultRequest() {
    return DEFAULT_REQUEST;
  }

  /**
   * Tells whether granted scopes allow an operation.
   *
   * @param operation the operation
   * @param granted the scopes a token has
   * @return true when at least one accepted scope was granted
   */
  public static boolean allows(Operation operation, Collection<String> granted) {
    return !Collections.disjoint(operation.acceptedScopes(), granted);
  }

  /**
   * Fails fast, before any HTTP call, when a token's granted scopes are known and allow none of the
   * operation. A token whose scopes are unknown passes; the service decides.
   *
   * @param operation the operation about to be called
   * @param token the token it would carry
   * @throws InsufficientScopeException when the known scopes do not allow the operation
   */
  public static void check(Operation operation, AccessToken token) {
    token
        .grantedScopes()
        .ifPresent(
            granted -> {
              if (!allows(operation, granted)) {
                InsufficientScopeException failure =
                    insufficient(operation, operation.acceptedScopes(), granted, true, 0, null);
                throw new InsufficientScopeException(
                    failure.getMessage() + configurationHint(granted),
                    0,
                    failure.errorCode(),
                    null,
                    failure.requiredScopes(),
                    failure.grantedScopes());
              }
            });
  }

  /**
   * Builds the exception for a missing scope, with a message that says what is needed and what the
   * token has. Used for the fail-fast check and for the service's {@code 403}.
   *
   * @param operation the operation refused
   * @param required the scopes that would allow it
   * @param granted the token's scopes; empty when unknown
   * @param statusCode 403, or 0 when raised before any HTTP call
   * @param requestId the service's request id, or null
   * @return the exception
   */
  public static InsufficientScopeException insufficient(
      Operation operation,
      Collection<String> required,
      Collection<String> granted,
      int statusCode,
      String requestId) {
    return insufficient(operation, required, granted, !granted.isEmpty(), statusCode, requestId);
  }

  private static InsufficientScopeException insufficient(
      Operation operation,
      Collection<String> required,
      Collection<String> granted,
      boolean grantKnown,
      int statusCode,
      String requestId) {
    return InsufficientScopeException.forAction(
        operation.description(),
        required.isEmpty()
            ? operation.acceptedScopes()
            : required, // the service named none: the table
        grantKnown ? Optional.of(granted) : Optional.empty(),
        statusCode,
        requestId);
  }

  /**
   * What to configure when the identity provider speaks another vocabulary or left the flow scopes
   * out.
   */
  private static String configurationHint(Collection<String> granted) {
    if (ScopeCheck.speaksContract(granted)) {
      return "";
    }
    return ". The identity provider granted no flow:* scope: give the client the scope (Keycloak: an optional client "
        + "scope named flow:execute), or, if the provider names it differently, translate its names with "
        + "scopeCheck(ScopeCheck.mapping(...)), or turn this check off with scopeCheck(ScopeCheck.off())";
  }

  private static Set<String> ordered(String... scopes) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(scopes)));
  }
}
