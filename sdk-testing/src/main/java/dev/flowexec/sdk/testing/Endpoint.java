package dev.flowexec.sdk.testing;

/** The operations the emulator serves; a {@link Fault} names the ones it applies to. */
public enum Endpoint {
  /** {@code POST /api/v2/flows/executions}. */
  LAUNCH,
  /** {@code GET /api/v2/flows/executions/{flow_execution_id}}. */
  GET_EXECUTION,
  /** {@code POST /oauth/token}. */
  TOKEN
}
