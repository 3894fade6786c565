package dev.flowexec.sdk.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallOptionsTest {
  @Test
  void defaultsAreEmpty() {
    assertThat(CallOptions.defaults().timeout()).isEmpty();
    assertThat(CallOptions.defaults().deadline()).isEmpty();
    assertThat(CallOptions.defaults().headers()).isEmpty();
    assertThat(CallOptions.defaults())
        .isSameAs(CallOptions.defaults())
        .isEqualTo(CallOptions.builder().build());
  }

  @Test
  void timeoutAndHeaders() {
    CallOptions options =
        CallOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .deadline(Instant.EPOCH)
            .putHeaders("X-Correlation-Id", "abc-123")
            .putHeaders("X-Tenant", "a b\tc")
            .build();
    assertThat(options.timeout()).contains(Duration.ofSeconds(5));
    assertThat(options.headers()).containsEntry("X-Correlation-Id", "abc-123").isUnmodifiable();
    assertThat(CallOptions.ofTimeout(Duration.ofMillis(1)).timeout())
        .contains(Duration.ofMillis(1));
    assertThat(options.withTimeout(Duration.ofSeconds(1)).headers()).isEqualTo(options.headers());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization",
        "authorization",
        "AUTHORIZATION",
        "Idempotency-Key",
        "idempotency-key",
        "Content-Type",
        "Host",
        "Content-Length",
        "Transfer-Encoding",
        "Connection"
      })
  void refusesReservedHeaders(String name) {
    assertThatThrownBy(() -> CallOptions.builder().putHeaders(name, "x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "headers."
                + name
                + " is a header the SDK sets itself: remove it (configure credentials on the transport)");
  }

  @Test
  void reservedHeaderMessageDoesNotEchoTheValue() {
    assertThatThrownBy(
            () -> CallOptions.builder().putHeaders("Authorization", "Bearer secret-123").build())
        .hasMessageNotContaining("secret-123");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X Space", "X:Colon", "X\u00e9", "X\n", "(paren)", "a/b"})
  void refusesBadHeaderNames(String name) {
    assertThatThrownBy(() -> CallOptions.builder().putHeaders(name, "x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid HTTP header name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nX-Injected: 1"})
  void refusesLineBreaksInValues(String value) {
    assertThatThrownBy(() -> CallOptions.builder().putHeaders("X-Trace", value).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headers.X-Trace contains a line break: header values must be one line");
  }

  @Test
  void refusesNonPositiveTimeouts() {
    assertThatThrownBy(() -> CallOptions.ofTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout is PT0S: use a positive duration, such as Duration.ofSeconds(10)");
    assertThatThrownBy(() -> CallOptions.ofTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use a positive duration");
    assertThatThrownBy(() -> CallOptions.defaults().withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "X Space", "X\u00e9", "X-Trace\r", "X-Trace\n"})
  void checkHeaderRefusesWhatBuildRefusesWithTheSameMessage(String bad) {
    boolean badName = !bad.startsWith("X-Trace");
    String name = badName ? bad : "X-Trace";
    String value = badName ? "x" : "a" + bad.substring("X-Trace".length()) + "b";
    String built =
        catchThrowable(() -> CallOptions.builder().putHeaders(name, value).build()).getMessage();

    assertThatThrownBy(() -> CallOptions.checkHeader(name, value))
        .isInstanceOf(RequestValidationException.class)
        .hasMessage(built);
  }

  @Test
  void checkHeaderAcceptsAnAllowedHeaderAndNamesEveryProblemOfABadOne() {
    CallOptions.checkHeader(
        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    CallOptions.checkHeader("X-Tenant", "a b\tc");

    assertThatThrownBy(() -> CallOptions.checkHeader("Bad Name", "line\nbreak"))
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field, FieldError::issue)
                    .containsExactly(
                        tuple("headers.Bad Name", "invalid_format"),
                        tuple("headers.Bad Name", "invalid_format")));
    assertThatThrownBy(() -> CallOptions.checkHeader(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }
}
