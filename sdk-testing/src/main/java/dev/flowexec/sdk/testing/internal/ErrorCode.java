package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.Endpoint;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code error_code} values of the service's error bodies, each with the status it is sent with
 * and the API endpoints that can answer it.
 */
public enum ErrorCode {
  /** The launch body breaks a rule; the body carries {@code details}. */
  INVALID_REQUEST("invalid_request", 400, EnumSet.of(Endpoint.LAUNCH)),
  /** No {@code Authorization} header. */
  MISSING_TOKEN("missing_token", 401, EnumSet.of(Endpoint.LAUNCH, Endpoint.GET_EXECUTION)),
  /** The token is unknown, malformed or expired. */
  INVALID_TOKEN("invalid_token", 401, EnumSet.of(Endpoint.LAUNCH, Endpoint.GET_EXECUTION)),
  /** The token lacks every accepted scope. */
  INSUFFICIENT_SCOPE(
      "insufficient_scope", 403, EnumSet.of(Endpoint.LAUNCH, Endpoint.GET_EXECUTION)),
  /** No flow with that id, or no published version with that name. */
  FLOW_NOT_FOUND("flow_not_found", 404, EnumSet.of(Endpoint.LAUNCH)),
  /** No execution with that id (or it is older than the retention). */
  EXECUTION_NOT_FOUND("execution_not_found", 404, EnumSet.of(Endpoint.GET_EXECUTION)),
  /** The flow has no published version. */
  FLOW_NOT_PUBLISHED("flow_not_published", 409, EnumSet.of(Endpoint.LAUNCH)),
  /** A launch with the same id is still in flight. */
  REQUEST_IN_PROGRESS("request_in_progress", 409, EnumSet.of(Endpoint.LAUNCH)),
  /** The id was launched before with a different body. */
  IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422, EnumSet.of(Endpoint.LAUNCH)),
  /** The body is over 1 MiB. */
  REQUEST_TOO_LARGE("request_too_large", 413, EnumSet.of(Endpoint.LAUNCH)),
  /** Too many requests; the body carries {@code retry_after_seconds}. */
  RATE_LIMITED("rate_limited", 429, EnumSet.of(Endpoint.LAUNCH, Endpoint.GET_EXECUTION)),
  /** An injected 500. */
  SERVER_ERROR("server_error", 500, EnumSet.of(Endpoint.LAUNCH, Endpoint.GET_EXECUTION)),
  /** An injected 502, 503 or 504 (sent with the fault's status). */
  UNAVAILABLE("unavailable", 503, EnumSet.of(Endpoint.LAUNCH, Endpoint.GET_EXECUTION));

  private final String wireName;
  private final int status;
  private final Set<Endpoint> endpoints;

  ErrorCode(String wireName, int status, Set<Endpoint> endpoints) {
    this.wireName = wireName;
    this.status = status;
    this.endpoints = endpoints;
  }

  /**
   * The value written in {@code error_code}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The status this code is normally sent with.
   *
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * The API endpoints that can answer this code.
   *
   * @return the endpoints
   */
  public Set<Endpoint> endpoints() {
    return EnumSet.copyOf(endpoints);
  }
}
