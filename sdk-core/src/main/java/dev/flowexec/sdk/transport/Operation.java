package dev.flowexec.sdk.transport;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An operation of the Flow Executions API, and the contract's scope table: which OAuth scopes each
 * one accepts ({@link #acceptedScopes()}). Scopes, error mapping and listeners depend on it.
 *
 * <table>
 *   <caption>Accepted scopes</caption>
 *   <tr><th>operation</th><th>accepted scopes</th></tr>
 *   <tr><td>{@link #LAUNCH}</td><td>{@code flow:execute} (canonical), {@code flow:execution:write} (alias)</td></tr>
 *   <tr><td>{@link #GET}</td><td>{@code flow:execution:read}, {@code flow:execute}, {@code flow:execution:write}</td></tr>
 * </table>
 *
 * <p>The scope names are also constants of {@link dev.flowexec.sdk.auth.Scopes}.
 */
public enum Operation {
  /** {@code POST /api/v2/flows/executions}: launch an execution. */
  LAUNCH("POST", "launching an execution", "flow:execute", "flow:execution:write"),
  /** {@code GET /api/v2/flows/executions/{id}}: read an execution. */
  GET("GET", "reading an execution", "flow:execution:read", "flow:execute", "flow:execution:write");

  private static final String EXECUTIONS = "/api/v2/flows/executions";

  private final String httpMethod;
  private final String description;
  private final Set<String> acceptedScopes;

  Operation(String httpMethod, String description, String... acceptedScopes) {
    this.httpMethod = httpMethod;
    this.description = description;
    this.acceptedScopes = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(acceptedScopes)));
  }

  /**
   * Returns the OAuth scopes the contract accepts for this operation, the canonical one first; any
   * one suffices.
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

  /**
   * Returns the HTTP method the contract gives this operation.
   *
   * @return {@code POST} or {@code GET}
   */
  public String httpMethod() {
    return httpMethod;
  }

  /**
   * Returns the path this operation is sent to, from the base URL's root.
   *
   * @param flowExecutionId the execution's id (used by {@link #GET} only)
   * @return {@code /api/v2/flows/executions}, or {@code /api/v2/flows/executions/{id}}
   */
  public String path(String flowExecutionId) {
    return this == LAUNCH ? EXECUTIONS : EXECUTIONS + "/" + flowExecutionId;
  }

  /**
   * Returns the path with the id replaced by a placeholder: a low-cardinality name for metrics and
   * span names.
   *
   * @return {@code /api/v2/flows/executions} or {@code
   *     /api/v2/flows/executions/{flow_execution_id}}
   */
  public String pathTemplate() {
    return this == LAUNCH ? EXECUTIONS : EXECUTIONS + "/{flow_execution_id}";
  }
}
