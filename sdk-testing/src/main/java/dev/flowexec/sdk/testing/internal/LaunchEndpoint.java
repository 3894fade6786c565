package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.Flow;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v2/flows/executions}: authenticates, checks size, parses and validates the body,
 * resolves the flow, applies idempotency and creates the execution.
 */
public final class LaunchEndpoint {
  private final EmulatorSettings settings;
  private final BearerAuthenticator auth;
  private final ExecutionStore executions;
  private final LaunchGate gate;
  private final LaunchValidator validator;

  /**
   * Creates the endpoint.
   *
   * @param settings the settings
   * @param auth the bearer check
   * @param executions the execution store
   * @param gate the gate that can hold launches in flight
   */
  public LaunchEndpoint(
      EmulatorSettings settings,
      BearerAuthenticator auth,
      ExecutionStore executions,
      LaunchGate gate) {
    this.settings = settings;
    this.auth = auth;
    this.executions = executions;
    this.gate = gate;
    this.validator = new LaunchValidator(settings.flows());
  }

  /**
   * Reads the {@code flow_execution_id} of a launch body, if it has a string one, to count the
   * attempt before anything else happens.
   *
   * @param request the request
   * @return the id, or {@code null}
   */
  public static String executionIdOf(IncomingRequest request) {
    if (request.bodyTooLarge()) {
      return null;
    }
    try {
      Object body = JsonParser.parse(request.bodyText());
      if (body instanceof Map) {
        Object id = ((Map<?, ?>) body).get("flow_execution_id");
        return id instanceof String ? (String) id : null;
      }
    } catch (MalformedJsonException e) {
      // counted nowhere: there is no id to count
    }
    return null;
  }

  /**
   * Answers a launch.
   *
   * @param request the request
   * @return the answer
   * @throws InterruptedException if interrupted while held at the gate
   */
  public Response handle(IncomingRequest request) throws InterruptedException {
    String rid = request.requestId();
    Response denied = auth.check(request, Scopes.LAUNCH);
    if (denied != null) {
      return denied;
    }
    if (request.bodyTooLarge()) {
      return ErrorResponses.of(
          ErrorCode.REQUEST_TOO_LARGE,
          "the request body is "
              + request.bodySize()
              + " bytes; the limit is "
              + LaunchRules.MAX_BODY_BYTES,
          rid);
    }
    Object parsed;
    try {
      parsed = JsonParser.parse(request.bodyText());
    } catch (MalformedJsonException e) {
      return malformed("the body is not valid JSON: " + e.getMessage(), rid);
    }
    if (!(parsed instanceof Map)) {
      return malformed("the body must be a JSON object", rid);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) parsed;
    List<Violation> violations = validator.validate(body, request.headers("Idempotency-Key"));
    if (!violations.isEmpty()) {
      return ErrorResponses.invalidRequest(violations, rid);
    }
    String flowId = (String) body.get("flow_id");
    String requestedVersion = (String) body.get("flow_version");
    Flow flow = settings.flows().get(flowId);
    if (flow == null) {
      return ErrorResponses.of(ErrorCode.FLOW_NOT_FOUND, "no flow with flow_id " + flowId, rid);
    }
    if (!flow.isPublished()) {
      return ErrorResponses.of(
          ErrorCode.FLOW_NOT_PUBLISHED, "flow " + flowId + " has no published version", rid);
    }
    String version = requestedVersion != null ? requestedVersion : flow.latestVersion().get();
    if (!flow.versions().containsKey(version)) {
      return ErrorResponses.of(
          ErrorCode.FLOW_NOT_FOUND, "flow " + flowId + " has no published version " + version, rid);
    }
    String id = (String) body.get("flow_execution_id");
    ExecutionStore.Begin begin = executions.begin(id, JsonWriter.canonical(body));
    switch (begin.decision()) {
      case REPLAY:
        return Response.json(200, begin.existing().toJson(settings.clock().instant()))
            .header("Idempotent-Replayed", "true")
            .header("X-Request-Id", rid);
      case KEY_REUSED:
        return ErrorResponses.of(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "flow_execution_id " + id + " was launched before with a different body",
            rid);
      case IN_PROGRESS:
        return ErrorResponses.of(
            ErrorCode.REQUEST_IN_PROGRESS,
            "a launch with flow_execution_id " + id + " is still in progress",
            rid);
      default:
        break;
    }
    StoredExecution execution;
    try {
      gate.pass();
      execution =
          new StoredExecution(
              id,
              flowId,
              version,
              (String) body.get("name"),
              (String) body.get("channel_type"),
              settings.clock().instant(),
              settings.queuedFor(),
              settings.runningFor(),
              flow.outcome(),
              JsonWriter.canonical(body),
              request.bodyText());
    } catch (InterruptedException | RuntimeException e) {
      executions.abandon(id);
      throw e;
    }
    executions.finish(execution);
    String location = "/api/v2/flows/executions/" + id;
    return Response.json(201, execution.toJson(execution.createdAt()))
        .header("Location", location)
        .header("X-Request-Id", rid);
  }

  private static Response malformed(String message, String rid) {
    return ErrorResponses.invalidRequest(
        List.of(new Violation("", Issue.MALFORMED_JSON, message)), rid);
  }
}
