package dev.flowexec.sdk.transport;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An operation of the Flow Executions API. Scopes, error mapping and listeners depend on it. */
public enum Operation {
  /** {@code POST /api/v2/flows/executions}: launch an execution. */
  LAUNCH("launching an execution", "flow:execute", "flow:execution:write"),
  /** {@code GET /api/v2/flows/executions/{id}}: read an execution. */
  GET("reading an execution", "flow:execution:read", "flow:execute", "flow:execution:write");

  private final String description;
  private final Set<String> acceptedScopes;

  Operation(String description, String... acceptedScopes) {
    this.description = description;
    this.acceptedScopes = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(acceptedScopes)));
  }

  /**
   * Returns the OAuth scopes the contract accepts for this operation, the canonical one first; any
   * one suffices. {@link dev.flowexec.sdk.auth.Scopes} presents the same table.
   *
   * @return an immutable, ordered set
   */
  public Set<String> acceptedScopes() {
    return acceptedScopes;
  }

  /**
   * Returns a phrase for messages, such as "launching an execution".
   *
   * @return the phrase
   */
  public String description() {
    return description;
  }
}
