package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.ExecutionNotFoundException;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.FlowNotPublishedException;
import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.RequestTooLargeException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.internal.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The single place that turns a failed response into a typed exception, so that every transport
 * maps the same way.
 *
 * <p>The body's {@code error_code} decides the type when it is one of the contract's. When the body
 * has none (an HTML page from a proxy, an empty or truncated body), the status decides: a {@code
 * 502} is a {@link ServerException} whatever came with it. A code or status this SDK does not know
 * becomes a plain {@link FlowApiException}. {@code request_id} comes from the body or {@code
 * X-Request-Id}; {@code Retry-After} is read in both of its forms.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * Maps a failed response, reading {@code Retry-After} dates against the system clock.
   *
   * @param response the failed response
   * @return the exception to throw
   */
  public static FlowApiException map(ErrorResponse response) {
    return map(response, Clock.systemUTC());
  }

  /**
   * Maps a failed response.
   *
   * @param response the failed response
   * @param clock the clock that {@code Retry-After} dates are measured against
   * @return the exception to throw
   */
  public static FlowApiException map(ErrorResponse response, Clock clock) {
    int status = response.statusCode();
    Optional<ErrorBody> body = response.body();
    Optional<Map<String, String>> challenge =
        response.header("WWW-Authenticate").flatMap(BearerChallenge::parse);
    String code =
        body.flatMap(ErrorBody::errorCode)
            .filter(c -> !c.isBlank())
            .orElseGet(() -> codeFromStatus(response.operation(), status, challenge));
    String requestId =
        body.flatMap(ErrorBody::requestId).or(() -> response.header("X-Request-Id")).orElse(null);
    Duration retryAfter =
        response
            .header("Retry-After")
            .flatMap(value -> RetryAfter.parse(value, clock.instant()))
            .or(() -> body.flatMap(ErrorBody::retryAfterSeconds).flatMap(RetryAfter::ofSeconds))
            .orElse(null);
    String message = message(response, code, requestId, challenge);

    switch (code) {
      case "invalid_request":
        return new InvalidRequestException(
            message, status, code, requestId, body.map(ErrorBody::details).orElse(List.of()));
      case "missing_token":
      case "invalid_token":
        return new AuthenticationException(message, status, code, requestId);
      case "insufficient_scope":
        return InsufficientScopeException.forAction(
            response.operation().description(),
            requiredScopes(response, body, challenge),
            Optional.empty(),
            status,
            requestId);
      case "flow_not_found":
        return new FlowNotFoundException(message, status, code, requestId);
      case "execution_not_found":
        return new ExecutionNotFoundException(message, status, code, requestId);
      case "flow_not_published":
        return new FlowNotPublishedException(message, status, code, requestId);
      case IdempotencyConflictException.REQUEST_IN_PROGRESS:
      case IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED:
        return new IdempotencyConflictException(message, status, code, requestId);
      case "request_too_large":
        return new RequestTooLargeException(message, status, code, requestId);
      case "rate_limited":
        return new RateLimitedException(message, status, code, requestId, retryAfter);
      case "server_error":
      case "unavailable":
        return new ServerException(message, status, code, requestId, retryAfter);
      default:
        // An unknown code: keep it, but let the status still say whether a retry can help.
        if (status >= 500) {
          return new ServerException(message, status, code, requestId, retryAfter);
        }
        if (status == 429) {
          return new RateLimitedException(message, status, code, requestId, retryAfter);
        }
        if (status == 401) {
          // Whatever the code, a 401 is about credentials: callers that handle auth should see it.
          return new AuthenticationException(message, status, code, requestId);
        }
        return new FlowApiException(message, status, code, requestId);
    }
  }

  /** The contract's code for a status whose body carried none. */
  private static String codeFromStatus(
      Operation operation, int status, Optional<Map<String, String>> challenge) {
    switch (status) {
      case 400:
        return "invalid_request";
      case 401:
        return challenge
            .map(p -> p.get("error"))
            .filter("invalid_token"::equals)
            .orElse(
                challenge.map(p -> p.containsKey("error")).orElse(false)
                    ? "invalid_token"
                    : "missing_token");
      case 403:
        return "insufficient_scope";
      case 404:
        return operation == Operation.LAUNCH ? "flow_not_found" : "execution_not_found";
      case 413:
        return "request_too_large";
      case 422:
        return IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED;
      case 429:
        return "rate_limited";
      case 503:
        return "unavailable";
      default:
        return status >= 500 ? "server_error" : "http_" + status;
    }
  }

  private static Collection<String> requiredScopes(
      ErrorResponse response, Optional<ErrorBody> body, Optional<Map<String, String>> challenge) {
    List<String> fromBody = body.map(ErrorBody::requiredScopes).orElse(List.of());
    if (!fromBody.isEmpty()) {
      return fromBody;
    }
    Optional<String> fromHeader = challenge.map(p -> p.get("scope")).filter(s -> !s.isBlank());
    return fromHeader
        .<Collection<String>>map(s -> Arrays.asList(s.trim().split("\\s+")))
        .orElse(response.operation().acceptedScopes());
  }

  private static String message(
      ErrorResponse response,
      String code,
      String requestId,
      Optional<Map<String, String>> challenge) {
    StringBuilder message =
        new StringBuilder().append(response.statusCode()).append(' ').append(code);
    Optional<String> serverMessage =
        response
            .body()
            .flatMap(ErrorBody::message)
            .or(() -> challenge.map(p -> p.get("error_description")))
            .filter(s -> !s.isBlank());
    if (serverMessage.isPresent()) {
      message.append(": ").append(serverMessage.get());
    } else if (response.body().isEmpty()) {
      message.append(": ").append(describeBody(response));
    }
    List<FieldError> details = response.body().map(ErrorBody::details).orElse(List.of());
    for (FieldError detail : details) {
      message
          .append("\n  - ")
          .append(detail.field())
          .append(" (")
          .append(detail.issue())
          .append("): ")
          .append(detail.message());
    }
    hint(code).ifPresent(h -> message.append(details.isEmpty() ? ". " : "\n").append(h));
    if (requestId != null) {
      message.append(" [request ").append(requestId).append(']');
    }
    return message.toString();
  }

  private static String describeBody(ErrorResponse response) {
    if (response.bodyBytes() == 0) {
      return "the response had an empty body";
    }
    String type =
        response
            .contentType()
            .map(t -> (t.indexOf(';') < 0 ? t : t.substring(0, t.indexOf(';'))).trim())
            .filter(t -> !t.isEmpty())
            .orElse("untyped");
    return String.format(
        Locale.ROOT,
        "received a %s body of %,d bytes, not the service's JSON error",
        type,
        response.bodyBytes());
  }

  private static Optional<String> hint(String code) {
    switch (code) {
      case "missing_token":
        return Optional.of("Configure an access token or client credentials on the transport");
      case "invalid_token":
        return Optional.of(
            "The token is unknown or expired, and a fresh one was refused too: check the client credentials");
      case "flow_not_found":
        return Optional.of("Check flow_id and flow_version against the flow designer");
      case "execution_not_found":
        return Optional.of("Check the id; executions are kept for 7 days");
      case "flow_not_published":
        return Optional.of("Publish the flow, then launch again");
      case IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED:
        return Optional.of(
            "This flow_execution_id was launched before with a different body: use a new id for a new execution");
      case IdempotencyConflictException.REQUEST_IN_PROGRESS:
        return Optional.of(
            "A launch with this flow_execution_id is still in flight: retry shortly to get its execution");
      case "request_too_large":
        return Optional.of("Keep the body under 1 MiB; pass large inputs by reference");
      default:
        return Optional.empty();
    }
  }
}
