package dev.flowexec.sdk.transport;

/** An operation of the Flow Executions API. Scopes, error mapping and listeners depend on it. */
public enum Operation {
  /** {@code POST /api/v2/flows/executions}: launch an execution. */
  LAUNCH("launching an execution"),
  /** {@code GET /api/v2/flows/executions/{id}}: read an execution. */
  GET("reading an execution");

  private final String description;

  Operation(String description) {
    this.description = description;
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
