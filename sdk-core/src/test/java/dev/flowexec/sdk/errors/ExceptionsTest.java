package dev.flowexec.sdk.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExceptionsTest {
  @Test
  void fieldErrorIsAValue() {
    FieldError a = FieldError.of("participants[1].role", "invalid_value", "use USER");
    assertThat(a)
        .isEqualTo(FieldError.of("participants[1].role", "invalid_value", "use USER"))
        .hasSameHashCodeAs(FieldError.of("participants[1].role", "invalid_value", "use USER"))
        .isNotEqualTo(FieldError.of("participants[1].role", "blank", "use USER"));
    assertThat(a.toString())
        .contains("participants[1].role")
        .contains("invalid_value")
        .contains("use USER");
    assertThatThrownBy(() -> FieldError.of(null, "x", "y"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void requestValidationMessages() {
    FieldError one = FieldError.of("flow_id", "blank", "flow_id is blank: set it");
    FieldError two = FieldError.of("name", "too_long", "name has 201 characters: use at most 200");
    assertThat(new RequestValidationException(List.of(one)).getMessage())
        .isEqualTo("flow_id is blank: set it");
    RequestValidationException both = new RequestValidationException(List.of(one, two));
    assertThat(both.getMessage())
        .isEqualTo(
            "2 fields are invalid: flow_id is blank: set it; name has 201 characters: use at most 200");
    assertThat(both.fieldErrors()).containsExactly(one, two).isUnmodifiable();
    assertThat(both).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestValidationException(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one field error");
  }

  @Test
  void listsAndSetsAreCopied() {
    List<FieldError> details =
        new ArrayList<>(List.of(FieldError.of("a", "required", "a is required")));
    InvalidRequestException invalid =
        new InvalidRequestException("m", 400, "invalid_request", null, details);
    details.clear();
    assertThat(invalid.fieldErrors()).hasSize(1).isUnmodifiable();
    assertThat(invalid.requestId()).isEmpty();

    Set<String> required = new HashSet<>(Set.of("flow:execute"));
    InsufficientScopeException scope =
        new InsufficientScopeException("m", 403, "insufficient_scope", "r", required, Set.of());
    required.clear();
    assertThat(scope.requiredScopes()).containsExactly("flow:execute");
    assertThat(scope.grantedScopes()).isEmpty();
    assertThat(scope.requestId()).contains("r");
  }

  @Test
  void propertiesAndHierarchy() {
    RateLimitedException limited =
        new RateLimitedException("m", 429, "rate_limited", "r", Duration.ofSeconds(3));
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(new RateLimitedException("m", 429, "rate_limited", null, null).retryAfter())
        .isEmpty();
    assertThat(new ServerException("m", 503, "unavailable", null, Duration.ZERO).retryAfter())
        .contains(Duration.ZERO);
    FlowApiException plain = new FlowApiException("m", 418, "http_418", null);
    assertThat(plain.retryAfter()).isEmpty();
    assertThat(plain).isInstanceOf(RuntimeException.class);

    IOException io = new IOException("reset");
    TransportException transport = TransportException.maybeSent("connection reset", io);
    assertThat(transport.errorCode())
        .isEqualTo(TransportException.ERROR_CODE)
        .isEqualTo("transport_error");
    assertThat(transport.statusCode()).isZero();
    assertThat(transport.getCause()).isSameAs(io);
    assertThat(transport.requestMayHaveBeenSent()).isTrue();
    assertThat(TransportException.notSent("refused", io).requestMayHaveBeenSent()).isFalse();

    DeadlineExceededException deadline =
        DeadlineExceededException.maybeStarted("out of time", transport);
    assertThat(deadline.errorCode()).isEqualTo("deadline_exceeded");
    assertThat(deadline.statusCode()).isZero();
    assertThat(deadline.getCause()).isSameAs(transport);

    IdempotencyConflictException conflict =
        new IdempotencyConflictException(
            "m", 409, IdempotencyConflictException.REQUEST_IN_PROGRESS, null);
    assertThat(conflict.isInProgress()).isTrue();
    assertThat(
            new IdempotencyConflictException(
                    "m", 422, IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED, null)
                .isInProgress())
        .isFalse();
    for (FlowApiException e :
        List.of(
            new AuthenticationException("m", 401, "invalid_token", null),
            new FlowNotFoundException("m", 404, "flow_not_found", null),
            new ExecutionNotFoundException("m", 404, "execution_not_found", null),
            new FlowNotPublishedException("m", 409, "flow_not_published", null),
            new RequestTooLargeException("m", 413, "request_too_large", null),
            conflict,
            limited,
            transport,
            deadline)) {
      assertThat(e).isInstanceOf(FlowApiException.class);
      assertThat(e.errorCode()).isNotNull();
    }
  }

  @Test
  void executionMayHaveStartedFollowsWhatEachResponseProves() {
    assertThat(new ServerException("m", 503, "unavailable", "r", null).executionMayHaveStarted())
        .isFalse();
    assertThat(
            new RateLimitedException("m", 429, "rate_limited", "r", null).executionMayHaveStarted())
        .isFalse();
    assertThat(new FlowNotFoundException("m", 404, "flow_not_found", "r").executionMayHaveStarted())
        .isFalse();
    assertThat(
            new IdempotencyConflictException(
                    "m", 422, IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED, "r")
                .executionMayHaveStarted())
        .isFalse();
    assertThat(new FlowApiException("m", 400, "invalid_request", "r").executionMayHaveStarted())
        .isFalse();
    // May have: the service acted, or a gateway's upstream may have, or another attempt is running.
    assertThat(new ServerException("m", 500, "server_error", "r", null).executionMayHaveStarted())
        .isTrue();
    assertThat(new ServerException("m", 502, "http_502", null, null).executionMayHaveStarted())
        .isTrue();
    assertThat(new ServerException("m", 504, "http_504", null, null).executionMayHaveStarted())
        .isTrue();
    assertThat(
            new IdempotencyConflictException(
                    "m", 409, IdempotencyConflictException.REQUEST_IN_PROGRESS, "r")
                .executionMayHaveStarted())
        .isTrue();
    assertThat(new FlowApiException("m", 201, "malformed_response", "r").executionMayHaveStarted())
        .isTrue();
    IOException io = new IOException("x");
    assertThat(TransportException.maybeSent("reset", io).executionMayHaveStarted()).isTrue();
    assertThat(TransportException.notSent("refused", io).executionMayHaveStarted()).isFalse();
  }

  @Test
  void earlierAttemptsAreTheSuppressedFailuresAndCountTowardsTheFlag() {
    ServerException last = new ServerException("m", 503, "unavailable", "r", null);
    TransportException dropped = TransportException.maybeSent("reset", new IOException("x"));
    assertThat(last.earlierAttempts()).isEmpty();

    last.addSuppressed(dropped);
    last.addSuppressed(new IllegalStateException("not an attempt"));

    assertThat(last.earlierAttempts()).containsExactly(dropped).isUnmodifiable();
    assertThat(last.executionMayHaveStarted()).isTrue();
  }

  @Test
  void deadlineAndCloseCarryTheirOwnFlag() {
    ServerException refused = new ServerException("m", 503, "unavailable", "r", null);
    assertThat(DeadlineExceededException.notStarted("m", refused).executionMayHaveStarted())
        .isFalse();
    assertThat(DeadlineExceededException.maybeStarted("m", null).executionMayHaveStarted())
        .isTrue();
    assertThat(DeadlineExceededException.maybeStarted("m", refused).executionMayHaveStarted())
        .isTrue();
    ClientClosedException closed = ClientClosedException.notStarted("m", refused);
    assertThat(closed.executionMayHaveStarted()).isFalse();
    assertThat(closed.errorCode()).isEqualTo("client_closed");
    assertThat(closed.statusCode()).isZero();
  }
}
