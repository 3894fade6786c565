package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonValueReaderTest {
  @Test
  void integralLiteralsAreLongs() {
    assertThat(JsonValueReader.number("0")).isEqualTo(0L);
    assertThat(JsonValueReader.number("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void integralLiteralsBeyondALongAreBigIntegers() {
    assertThat(JsonValueReader.number("9223372036854775808"))
        .isEqualTo(new BigInteger("9223372036854775808"));
  }

  @Test
  void otherLiteralsAreDoubles() {
    assertThat(JsonValueReader.number("1.0")).isEqualTo(1.0);
    assertThat(JsonValueReader.number("-2E-3")).isEqualTo(-0.002);
  }

  @Test
  void doublesThatWouldOverflowAreBigDecimals() {
    assertThat(JsonValueReader.number("1e400")).isEqualTo(new BigDecimal("1e400"));
  }
}
