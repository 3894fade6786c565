package dev.flowexec.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The id check that get() runs; the build()-time rules are tested in the model package. */
class RequestRulesTest {
  @Test
  void limitsMatchTheContract() {
    assertThat(RequestRules.MAX_PARTICIPANTS).isEqualTo(50);
    assertThat(RequestRules.MAX_CHANNELS).isEqualTo(6);
    assertThat(RequestRules.MAX_ID_LENGTH).isEqualTo(128);
    assertThat(RequestRules.MAX_NAME_LENGTH).isEqualTo(200);
    assertThat(RequestRules.MAX_INPUT_DATA_BYTES).isEqualTo(262_144);
  }

  @Test
  void executionIdAccepted() {
    assertThatCode(() -> RequestRules.checkExecutionId("2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11")).doesNotThrowAnyException();
    assertThatCode(() -> RequestRules.checkExecutionId("x".repeat(128))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''        | blank",
      "'   '     | blank",
      "a.b       | invalid_format",
      "a:b       | invalid_format",
      "../etc    | invalid_format",
      "a%2Fb     | invalid_format",
      "a?x=1     | invalid_format",
  })
  void executionIdRefused(String id, String issue) {
    RequestValidationException e = catchThrowableOfType(RequestValidationException.class,
        () -> RequestRules.checkExecutionId(id));
    assertThat(e).isNotNull();
    assertThat(e.fieldErrors()).extracting(FieldError::field, FieldError::issue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("flow_execution_id", issue));
    assertThat(e.getMessage()).startsWith("flow_execution_id ").contains("A-Z a-z 0-9 _ -");
  }

  @Test
  void executionIdTooLong() {
    RequestValidationException e = catchThrowableOfType(RequestValidationException.class,
        () -> RequestRules.checkExecutionId("x".repeat(129)));
    assertThat(e.fieldErrors().get(0).issue()).isEqualTo("too_long");
    assertThat(e.getMessage()).isEqualTo("flow_execution_id has 129 characters: use at most 128");
  }
}
