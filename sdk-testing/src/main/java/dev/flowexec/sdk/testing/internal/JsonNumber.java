package dev.flowexec.sdk.testing.internal;

import java.math.BigDecimal;

/**
 * A JSON number as parsed: its value, and the text it was written as. Writing it back gives the
 * same text, so sizes measured on a re-serialized body ({@code input_data}'s limit) match what the
 * client sent: {@link BigDecimal#toString()} would write {@code 8.6E15} as {@code 8.6E+15} and
 * {@code 1.0E-5} as {@code 0.000010}.
 */
final class JsonNumber extends BigDecimal {
  private static final long serialVersionUID = 1L;

  /** The number as it appeared in the JSON text. */
  private final String text;

  JsonNumber(String text) {
    super(text);
    this.text = text;
  }

  /** Returns the number as it appeared in the JSON text. */
  @Override
  public String toString() {
    return text;
  }
}
