package dev.flowexec.sdk.testing.internal;

import java.time.Clock;

/** {@code GET /api/v2/flows/executions/{flow_execution_id}}. */
public final class GetExecutionEndpoint {
  /** The path prefix before the id. */
  public static final String PREFIX = "/api/v2/flows/executions/";

  private final Clock clock;
  private final BearerAuthenticator auth;
  private final ExecutionStore executions;

  /**
   * Creates the endpoint.
   *
   * @param clock the clock the status is computed on
   * @param auth the bearer check
   * @param executions the execution store
   */
  public GetExecutionEndpoint(Clock clock, BearerAuthenticator auth, ExecutionStore executions) {
    this.clock = clock;
    this.auth = auth;
    this.executions = executions;
  }

  /**
   * Answers a read.
   *
   * @param request the request, whose path starts with {@link #PREFIX}
   * @return the answer
   */
  public Response handle(IncomingRequest request) {
    Response denied = auth.check(request, Scopes.GET_EXECUTION);
    if (denied != null) {
      return denied;
    }
    String id = request.path().substring(PREFIX.length());
    StoredExecution execution = executions.find(id);
    if (execution == null) {
      return ErrorResponses.of(
          ErrorCode.EXECUTION_NOT_FOUND,
          "no execution with flow_execution_id " + id + " (executions are kept for 7 days)",
          request.requestId());
    }
    return Response.json(200, execution.toJson(clock.instant()))
        .header("X-Request-Id", request.requestId());
  }
}
