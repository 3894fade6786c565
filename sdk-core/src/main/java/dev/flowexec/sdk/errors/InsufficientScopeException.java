package dev.flowexec.sdk.errors;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The token lacks every scope the operation accepts: {@code 403 insufficient_scope}, or the same
 * conclusion drawn by a transport before any HTTP call, when the token's granted scopes are known.
 * Request the token with one of {@link #requiredScopes()}. Not retried.
 */
public class InsufficientScopeException extends FlowApiException {
  private static final long serialVersionUID = 1L;

  /** The scopes the operation accepts. */
  private final Set<String> requiredScopes;

  /** The scopes the token has; empty when unknown. */
  private final Set<String> grantedScopes;

  /**
   * Creates the exception.
   *
   * @param message a sentence for a person
   * @param statusCode 403, or 0 when raised before any HTTP call
   * @param errorCode the contract's {@code error_code}
   * @param requestId the service's request id, or null when unknown
   * @param requiredScopes the scopes the operation accepts (any one suffices)
   * @param grantedScopes the scopes the token has, empty when unknown
   */
  public InsufficientScopeException(
      String message,
      int statusCode,
      String errorCode,
      String requestId,
      Set<String> requiredScopes,
      Set<String> grantedScopes) {
    super(message, statusCode, errorCode, requestId);
    this.requiredScopes = Set.copyOf(requiredScopes);
    this.grantedScopes = Set.copyOf(grantedScopes);
  }

  /**
   * Returns the exception for an action the token's scopes do not allow, with a message that says
   * what is needed and what the token has. Used for the fail-fast check and for the service's
   * {@code 403}, so both read the same.
   *
   * @param action what was refused, such as "launching an execution"
   * @param required the scopes that would allow it, the canonical one first; not empty
   * @param granted the token's scopes; empty when they are unknown
   * @param statusCode 403, or 0 when raised before any HTTP call
   * @param requestId the service's request id, or null
   * @return the exception
   */
  public static InsufficientScopeException forAction(
      String action,
      Collection<String> required,
      Optional<? extends Collection<String>> granted,
      int statusCode,
      String requestId) {
    if (required.isEmpty()) {
      throw new IllegalArgumentException("required scopes are empty: name at least one");
    }
    String has =
        granted.isEmpty()
            ? "the token's scopes are unknown"
            : granted.get().isEmpty()
                ? "the token has no scopes"
                : "the token has " + String.join(" ", granted.get());
    String where =
        statusCode == 0
            ? "insufficient_scope (checked before sending)"
            : statusCode + " insufficient_scope";
    String message =
        where
            + ": "
            + action
            + " needs "
            + String.join(" or ", required)
            + "; "
            + has
            + ". Request the token with "
            + required.iterator().next()
            + (requestId == null ? "" : " [request " + requestId + "]");
    return new InsufficientScopeException(
        message,
        statusCode,
        "insufficient_scope",
        requestId,
        new LinkedHashSet<>(required),
        granted.map(LinkedHashSet::new).orElseGet(LinkedHashSet::new));
  }

  /**
   * Returns the scopes the operation accepts; any one of them suffices.
   *
   * @return an immutable set, such as {@code flow:execute} and {@code flow:execution:write}
   */
  public Set<String> requiredScopes() {
    return requiredScopes;
  }

  /**
   * Returns the scopes the token was granted, when known.
   *
   * @return an immutable set; empty when the grant is unknown
   */
  public Set<String> grantedScopes() {
    return grantedScopes;
  }
}
