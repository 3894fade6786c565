package dev.flowexec.sdk.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A value of an open set ({@link Channel}, {@link Role}, {@link ExecutionStatus}): the contract's
 * values are constants, and a value this SDK does not know is kept as it is, so that one the
 * service adds never breaks reading a response. Two values are equal when they are of the same type
 * and have the same wire text, compared exactly.
 */
abstract class OpenValue {
  private final String value;
  private final boolean known;

  OpenValue(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /** Indexes the known constants by their wire value. */
  static <T extends OpenValue> Map<String, T> byValue(List<T> known) {
    return known.stream()
        .collect(Collectors.toUnmodifiableMap(OpenValue::value, Function.identity()));
  }

  /** Returns the constant with this wire value, or a new unknown value made by {@code unknown}. */
  static <T extends OpenValue> T of(
      Map<String, T> byValue, String value, Function<String, T> unknown) {
    T constant = byValue.get(Objects.requireNonNull(value, "value"));
    return constant != null ? constant : unknown.apply(value);
  }

  /**
   * Returns the wire value.
   *
   * @return the value exactly as sent and received, such as {@code "voice"} or {@code "USER"}
   */
  public final String value() {
    return value;
  }

  /**
   * Tells whether this is one of the contract's values.
   *
   * @return true for the constants of the type
   */
  public final boolean isKnown() {
    return known;
  }

  /**
   * Tells whether {@code other} is a value of the same type with the same wire value.
   *
   * @param other the object to compare with
   * @return whether the two are equal
   */
  @Override
  @SuppressWarnings("EqualsGetClass") // a Channel is never equal to a Role with the same text
  public final boolean equals(Object other) {
    return this == other
        || (other != null
            && other.getClass() == getClass()
            && value.equals(((OpenValue) other).value));
  }

  /**
   * Returns the hash of the wire value.
   *
   * @return the hash code
   */
  @Override
  public final int hashCode() {
    return value.hashCode();
  }

  /**
   * Returns the wire value.
   *
   * @return the value
   */
  @Override
  public final String toString() {
    return value;
  }
}
