package dev.flowexec.sdk.testing.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the service's error answers: body and {@code X-Request-Id}. */
public final class ErrorResponses {
  private ErrorResponses() {}

  /**
   * An error answer with the code's usual status.
   *
   * @param code the error code
   * @param message the message
   * @param requestId the request id
   * @return the response
   */
  public static Response of(ErrorCode code, String message, String requestId) {
    return of(code, code.status(), message, requestId, Map.of());
  }

  /**
   * An error answer.
   *
   * @param code the error code
   * @param status the status
   * @param message the message
   * @param requestId the request id
   * @param extra more members of the body, such as {@code required_scopes}
   * @return the response
   */
  public static Response of(
      ErrorCode code, int status, String message, String requestId, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", code.wireName());
    body.put("message", message);
    body.put("request_id", requestId);
    body.putAll(extra);
    return Response.json(status, body).header("X-Request-Id", requestId);
  }

  /**
   * A {@code 400 invalid_request} answer with {@code details}.
   *
   * @param violations the violations, at least one
   * @param requestId the request id
   * @return the response
   */
  public static Response invalidRequest(List<Violation> violations, String requestId) {
    String summary = violations.stream().map(Violation::toString).collect(Collectors.joining(", "));
    String message =
        violations.size() == 1
            ? "1 field is invalid: " + summary
            : violations.size() + " fields are invalid: " + summary;
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("details", violations.stream().map(Violation::toJson).collect(Collectors.toList()));
    return of(ErrorCode.INVALID_REQUEST, 400, message, requestId, extra);
  }
}
