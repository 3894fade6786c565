package dev.flowexec.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  /** 1994-11-06T08:49:07Z: the RFC's dates are 30 seconds later. */
  private static final Instant NOW = Instant.parse("1994-11-06T08:49:07Z");

  @Test
  void delaySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("99999999999999999999999", NOW))
        .contains(Duration.ofSeconds(999_999_999));
  }

  @Test
  void imfFixdate() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void rfc850() {
    assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void asctime() {
    assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", NOW)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed Nov 16 08:49:37 1994", NOW))
        .contains(Duration.ofDays(10).plusSeconds(30));
  }

  @Test
  void pastDateIsZero() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:48:37 GMT", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:07 GMT", NOW)).contains(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "soon",
        "-5",
        "1.5",
        "12s",
        "Sun, 06 Nov 1994",
        "Sun, 06 Nov 1994 08:49:37",
        "\u0661\u0662"
      })
  void garbageIsAbsent(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEmpty();
  }

  @Test
  void nullIsAbsent() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }

  @Test
  void bodySeconds() {
    assertThat(RetryAfter.ofSeconds(2)).contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.ofSeconds(0.25)).contains(Duration.ofMillis(250));
    assertThat(RetryAfter.ofSeconds(0.0001)).contains(Duration.ofMillis(1));
    assertThat(RetryAfter.ofSeconds(-1)).isEmpty();
    assertThat(RetryAfter.ofSeconds(Double.NaN)).isEmpty();
    assertThat(RetryAfter.ofSeconds(Double.POSITIVE_INFINITY)).isEmpty();
  }
}
