package dev.flowexec.sdk.transport;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMapperTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("1994-11-06T08:49:07Z"), ZoneOffset.UTC);

  private static ErrorResponse.Builder response(Operation op, int status) {
    return ErrorResponse.builder().operation(op).statusCode(status);
  }

  private static ErrorBody.Builder body(String code) {
    return ErrorBody.builder().errorCode(code).message("the service says so").requestId("req_body");
  }

  private static FlowApiException map(ErrorResponse.Builder response) {
    return ErrorMapper.map(response.build(), CLOCK);
  }

  private static FlowApiException withBody(int status, ErrorBody.Builder body) {
    return map(response(Operation.LAUNCH, status).body(body.build()));
  }

  /** Checks the common properties of a mapped exception, including its exact type. */
  private static <T extends FlowApiException> T check(
      FlowApiException e, Class<T> type, int status, String code) {
    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.getMessage()).startsWith(status + " " + code);
    return type.cast(e);
  }

  @Nested
  class ByErrorCode {
    @Test
    void invalidRequestKeepsDetailsExactly() {
      List<FieldError> details =
          List.of(
              FieldError.of(
                  "participants[0].channels",
                  "required",
                  "a participant needs at least one channel"),
              FieldError.of("channel_type", "required", "channel_type is required"));
      InvalidRequestException e =
          check(
              withBody(
                  400,
                  ErrorBody.builder()
                      .errorCode("invalid_request")
                      .message(
                          "2 fields are invalid: participants[0].channels (required), channel_type (required)")
                      .requestId("req_body")
                      .addDetails(details)),
              InvalidRequestException.class,
              400,
              "invalid_request");
      assertThat(e.fieldErrors()).containsExactlyElementsOf(details).isUnmodifiable();
      assertThat(e.requestId()).contains("req_body");
      assertThat(e.getMessage())
          .contains("2 fields are invalid")
          .contains(
              "\n  - participants[0].channels (required): a participant needs at least one channel")
          .contains("\n  - channel_type (required): channel_type is required")
          .endsWith("[request req_body]");
    }

    @Test
    void missingAndInvalidToken() {
      AuthenticationException missing =
          check(
              withBody(401, body("missing_token")),
              AuthenticationException.class,
              401,
              "missing_token");
      assertThat(missing.getMessage()).contains("Configure an access token");
      AuthenticationException invalid =
          check(
              withBody(401, body("invalid_token")),
              AuthenticationException.class,
              401,
              "invalid_token");
      assertThat(invalid.getMessage()).contains("check the client credentials");
    }

    @Test
    void insufficientScopeFromBody() {
      InsufficientScopeException e =
          check(
              map(
                  response(Operation.LAUNCH, 403)
                      .putHeaders(
                          "WWW-Authenticate",
                          "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"from:header\"")
                      .body(
                          body("insufficient_scope")
                              .addRequiredScopes("flow:execute", "flow:execution:write")
                              .build())),
              InsufficientScopeException.class,
              403,
              "insufficient_scope");
      assertThat(e.requiredScopes())
          .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
      assertThat(e.grantedScopes()).isEmpty();
      assertThat(e.requestId()).contains("req_body");
      assertThat(e.getMessage())
          .contains("launching an execution needs flow:execute or flow:execution:write");
    }

    @Test
    void insufficientScopeFromHeader() {
      InsufficientScopeException e =
          check(
              map(
                  response(Operation.LAUNCH, 403)
                      .putHeaders(
                          "www-authenticate",
                          "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"flow:execute  flow:execution:write\"")
                      .body(body("insufficient_scope").build())),
              InsufficientScopeException.class,
              403,
              "insufficient_scope");
      assertThat(e.requiredScopes())
          .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
    }

    @Test
    void insufficientScopeFromTheTable() {
      InsufficientScopeException e =
          check(
              map(response(Operation.GET, 403).body(body("insufficient_scope").build())),
              InsufficientScopeException.class,
              403,
              "insufficient_scope");
      assertThat(e.requiredScopes())
          .containsExactlyInAnyOrder("flow:execution:read", "flow:execute", "flow:execution:write");
    }

    @Test
    void notFoundAndNotPublished() {
      check(
          withBody(404, body("flow_not_found")),
          FlowNotFoundException.class,
          404,
          "flow_not_found");
      check(
          map(response(Operation.GET, 404).body(body("execution_not_found").build())),
          ExecutionNotFoundException.class,
          404,
          "execution_not_found");
      FlowNotPublishedException e =
          check(
              withBody(409, body("flow_not_published")),
              FlowNotPublishedException.class,
              409,
              "flow_not_published");
      assertThat(e.getMessage()).contains("Publish the flow");
    }

    @Test
    void idempotencyConflicts() {
      IdempotencyConflictException inFlight =
          check(
              withBody(409, body("request_in_progress")),
              IdempotencyConflictException.class,
              409,
              "request_in_progress");
      assertThat(inFlight.isInProgress()).isTrue();
      IdempotencyConflictException reused =
          check(
              withBody(422, body("idempotency_key_reused")),
              IdempotencyConflictException.class,
              422,
              "idempotency_key_reused");
      assertThat(reused.isInProgress()).isFalse();
      assertThat(reused.getMessage()).contains("use a new id for a new execution");
    }

    @Test
    void requestTooLarge() {
      check(
          withBody(413, body("request_too_large")),
          RequestTooLargeException.class,
          413,
          "request_too_large");
    }

    @Test
    void rateLimitedWithRetryAfter() {
      RateLimitedException e =
          check(
              map(
                  response(Operation.LAUNCH, 429)
                      .putHeaders("Retry-After", "7")
                      .body(body("rate_limited").retryAfterSeconds(99.0).build())),
              RateLimitedException.class,
              429,
              "rate_limited");
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
      RateLimitedException fromBody =
          check(
              withBody(429, body("rate_limited").retryAfterSeconds(1.5)),
              RateLimitedException.class,
              429,
              "rate_limited");
      assertThat(fromBody.retryAfter()).contains(Duration.ofMillis(1500));
      RateLimitedException none =
          check(
              withBody(429, body("rate_limited")), RateLimitedException.class, 429, "rate_limited");
      assertThat(none.retryAfter()).isEmpty();
    }

    @Test
    void serverErrorAndUnavailable() {
      check(withBody(500, body("server_error")), ServerException.class, 500, "server_error");
      ServerException e =
          check(
              map(
                  response(Operation.GET, 503)
                      .putHeaders("Retry-After", "3")
                      .body(body("unavailable").build())),
              ServerException.class,
              503,
              "unavailable");
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void unknownCodeWith4xxKeepsTheCode() {
      FlowApiException e =
          check(
              withBody(400, body("quota_exceeded")), FlowApiException.class, 400, "quota_exceeded");
      assertThat(e.getMessage()).contains("the service says so");
      check(withBody(409, body("something_new")), FlowApiException.class, 409, "something_new");
    }

    @Test
    void unknownCodeWith401IsStillAnAuthenticationFailure() {
      check(
          withBody(401, body("token_revoked")),
          AuthenticationException.class,
          401,
          "token_revoked");
    }

    @Test
    void unknownCodeWith5xxIsAServerException() {
      check(withBody(502, body("gateway_melted")), ServerException.class, 502, "gateway_melted");
    }
  }

  @Nested
  class WithoutBody {
    @Test
    void status400() {
      InvalidRequestException e =
          check(
              map(response(Operation.LAUNCH, 400)),
              InvalidRequestException.class,
              400,
              "invalid_request");
      assertThat(e.fieldErrors()).isEmpty();
      assertThat(e.getMessage()).contains("empty body");
    }

    @Test
    void status401WithAndWithoutErrorAttribute() {
      check(
          map(response(Operation.LAUNCH, 401)),
          AuthenticationException.class,
          401,
          "missing_token");
      check(
          map(
              response(Operation.LAUNCH, 401)
                  .putHeaders("WWW-Authenticate", "Bearer realm=\"flows\"")),
          AuthenticationException.class,
          401,
          "missing_token");
      AuthenticationException invalid =
          check(
              map(
                  response(Operation.LAUNCH, 401)
                      .putHeaders(
                          "WWW-Authenticate",
                          "Bearer realm=\"flows\", error=\"invalid_token\", error_description=\"The access token expired\"")),
              AuthenticationException.class,
              401,
              "invalid_token");
      assertThat(invalid.getMessage()).contains("The access token expired");
    }

    @Test
    void status403() {
      InsufficientScopeException header =
          check(
              map(
                  response(Operation.LAUNCH, 403)
                      .putHeaders(
                          "WWW-Authenticate",
                          "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"flow:execute flow:execution:write\"")),
              InsufficientScopeException.class,
              403,
              "insufficient_scope");
      assertThat(header.requiredScopes())
          .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
      InsufficientScopeException table =
          check(
              map(response(Operation.LAUNCH, 403)),
              InsufficientScopeException.class,
              403,
              "insufficient_scope");
      assertThat(table.requiredScopes())
          .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
    }

    @Test
    void status404DependsOnTheOperation() {
      check(
          map(response(Operation.LAUNCH, 404)), FlowNotFoundException.class, 404, "flow_not_found");
      check(
          map(response(Operation.GET, 404)),
          ExecutionNotFoundException.class,
          404,
          "execution_not_found");
    }

    @Test
    void status409IsPlain() {
      check(map(response(Operation.LAUNCH, 409)), FlowApiException.class, 409, "http_409");
    }

    @Test
    void status413And422And429() {
      check(
          map(response(Operation.LAUNCH, 413)),
          RequestTooLargeException.class,
          413,
          "request_too_large");
      IdempotencyConflictException reused =
          check(
              map(response(Operation.LAUNCH, 422)),
              IdempotencyConflictException.class,
              422,
              "idempotency_key_reused");
      assertThat(reused.isInProgress()).isFalse();
      RateLimitedException limited =
          check(
              map(response(Operation.LAUNCH, 429).putHeaders("retry-after", "10")),
              RateLimitedException.class,
              429,
              "rate_limited");
      assertThat(limited.retryAfter()).contains(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504, 599})
    void status5xx(int status) {
      check(map(response(Operation.LAUNCH, status)), ServerException.class, status, "server_error");
    }

    @Test
    void status503() {
      check(map(response(Operation.GET, 503)), ServerException.class, 503, "unavailable");
    }

    @Test
    void status418IsPlain() {
      check(map(response(Operation.GET, 418)), FlowApiException.class, 418, "http_418");
    }

    @Test
    void aContentTypeOfOnlySeparatorsCountsAsUntyped() {
      ServerException e =
          check(
              map(response(Operation.LAUNCH, 502).contentType(" ; ;").bodyBytes(7)),
              ServerException.class,
              502,
              "server_error");
      assertThat(e.getMessage()).contains("untyped body of 7 bytes");
    }

    @Test
    void aBlankErrorCodeIsDerivedFromTheStatus() {
      check(withBody(503, body(" ")), ServerException.class, 503, "unavailable");
    }

    @Test
    void htmlFromAProxy() {
      ServerException e =
          check(
              map(
                  response(Operation.LAUNCH, 502)
                      .putHeaders("Content-Type", "text/html; charset=utf-8")
                      .contentType("text/html; charset=utf-8")
                      .bodyBytes(1234)),
              ServerException.class,
              502,
              "server_error");
      assertThat(e.getMessage()).contains("text/html body of 1,234 bytes");
      ServerException untyped =
          check(
              map(response(Operation.LAUNCH, 502).bodyBytes(5)),
              ServerException.class,
              502,
              "server_error");
      assertThat(untyped.getMessage()).contains("untyped body of 5 bytes");
      assertThat(
              check(
                      map(response(Operation.LAUNCH, 504)),
                      ServerException.class,
                      504,
                      "server_error")
                  .getMessage())
          .contains("empty body");
    }
  }

  @Nested
  class RequestId {
    @Test
    void fromBodyFirst() {
      FlowApiException e =
          map(
              response(Operation.GET, 404)
                  .putHeaders("X-Request-Id", "req_header")
                  .body(body("execution_not_found").build()));
      assertThat(e.requestId()).contains("req_body");
    }

    @Test
    void elseFromHeaderWhateverItsCase() {
      assertThat(map(response(Operation.GET, 500).putHeaders("x-request-id", "req_1")).requestId())
          .contains("req_1");
      assertThat(map(response(Operation.GET, 500).putHeaders("X-REQUEST-ID", "req_2")).requestId())
          .contains("req_2");
      FlowApiException e = map(response(Operation.GET, 500).putHeaders("X-Request-Id", "req_3"));
      assertThat(e.requestId()).contains("req_3");
      assertThat(e.getMessage()).endsWith("[request req_3]");
      assertThat(map(response(Operation.GET, 500)).requestId()).isEmpty();
    }
  }

  @Nested
  class RetryAfterHeader {
    private Duration retryAfter(String header) {
      return map(response(Operation.LAUNCH, 429).putHeaders("Retry-After", header))
          .retryAfter()
          .orElse(null);
    }

    @Test
    void forms() {
      assertThat(retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
      assertThat(retryAfter("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(Duration.ofSeconds(30));
      assertThat(retryAfter("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(Duration.ofSeconds(30));
      assertThat(retryAfter("Sun Nov  6 08:49:37 1994")).isEqualTo(Duration.ofSeconds(30));
      assertThat(retryAfter("Sun, 06 Nov 1994 08:00:00 GMT")).isEqualTo(Duration.ZERO);
      assertThat(retryAfter("whenever")).isNull();
    }

    @Test
    void garbageHeaderFallsBackToTheBody() {
      FlowApiException e =
          map(
              response(Operation.LAUNCH, 429)
                  .putHeaders("Retry-After", "whenever")
                  .body(body("rate_limited").retryAfterSeconds(2.0).build()));
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    }
  }

  @Nested
  class WorkedExamples {
    private InvalidRequestException map400(FieldError... details) {
      FlowApiException e =
          ErrorMapper.map(
              response(Operation.LAUNCH, 400)
                  .putHeaders("X-Request-Id", "req_01HF")
                  .contentType("application/json")
                  .bodyBytes(300)
                  .body(
                      ErrorBody.builder()
                          .errorCode("invalid_request")
                          .requestId("req_01HF")
                          .message(details.length + " fields are invalid")
                          .addDetails(details)
                          .build())
                  .build());
      assertThat(e).isExactlyInstanceOf(InvalidRequestException.class);
      return (InvalidRequestException) e;
    }

    @Test
    void participantIdInsteadOfParticipants() {
      FieldError[] details = {
        FieldError.of(
            "participant_id", "unknown_field", "participant_id is not a field: use participants"),
        FieldError.of("participants", "required", "participants is required"),
        FieldError.of("flow_execution_id", "required", "flow_execution_id is required"),
        FieldError.of("channel_type", "required", "channel_type is required")
      };
      InvalidRequestException e = map400(details);
      assertThat(e.fieldErrors())
          .extracting(FieldError::field, FieldError::issue)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("participant_id", "unknown_field"),
              org.assertj.core.groups.Tuple.tuple("participants", "required"),
              org.assertj.core.groups.Tuple.tuple("flow_execution_id", "required"),
              org.assertj.core.groups.Tuple.tuple("channel_type", "required"));
      assertThat(e.fieldErrors()).containsExactly(details);
      assertThat(e.requestId()).contains("req_01HF");
    }

    @Test
    void missingChannelTypeAndUnknownStartNode() {
      FieldError[] details = {
        FieldError.of("channel_type", "required", "channel_type is required"),
        FieldError.of("start_node", "unknown_node", "the flow has no node named Start")
      };
      assertThat(map400(details).fieldErrors()).containsExactly(details);
      assertThat(map400(details[0]).fieldErrors()).containsExactly(details[0]);
    }

    @Test
    void onlyChannelType() {
      FieldError[] details = {
        FieldError.of("participants", "required", "participants is required"),
        FieldError.of("flow_execution_id", "required", "flow_execution_id is required")
      };
      InvalidRequestException e = map400(details);
      assertThat(e.fieldErrors()).containsExactly(details);
      assertThat(e.getMessage())
          .contains("participants (required)")
          .contains("flow_execution_id (required)");
    }
  }

  @Test
  void defaultClockOverloadWorks() {
    FlowApiException e =
        ErrorMapper.map(response(Operation.LAUNCH, 429).putHeaders("Retry-After", "1").build());
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
  }

  @Test
  void responseHeaderLookupIgnoresCase() {
    ErrorResponse r =
        response(Operation.GET, 500).putAllHeaders(Map.of("Content-Type", "text/plain")).build();
    assertThat(r.header("content-type")).contains("text/plain");
    assertThat(r.header("CONTENT-TYPE")).contains("text/plain");
    assertThat(r.header("X-Missing")).isEmpty();
    assertThat(r.bodyBytes()).isZero();
  }
}
