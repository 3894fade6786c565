package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-28T10:00:00Z",
        "2026-11-28t10:00:00z",
        "2026-11-28T10:00:00.5Z",
        "2026-11-28T10:00:00.123456789Z",
        "2024-02-29T23:59:59.000001Z",
        "1970-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2026-11-28T11:00:00+01:00",
        "2026-11-28T05:30:00-04:30",
        "2026-11-28T10:00:00.25+00:00"
      })
  void readsEveryFormAsTheFullParserDoes(String text) {
    assertThat(Rfc3339.parse(text))
        .isEqualTo(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant());
  }

  @Test
  void agreesWithTheFullParserOnRandomInstants() {
    Random random = new Random(20261128);
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextInt(Integer.MAX_VALUE) * 2L,
              random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
      String text = instant.toString();
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(instant);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-28T24:00:00Z",
            "2026-11-28 10:00:00Z",
        "2026-11-28T10:00:00", "2026-11-28T10:00:0xZ", "", "yesterday"
      })
  void refusesWhatIsNotRfc3339(String text) {
    assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
