package dev.flowexec.sdk.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where an execution is: {@code QUEUED} → {@code RUNNING} → {@code COMPLETED}, {@code FAILED} or
 * {@code CANCELLED}. The last three are final.
 *
 * <p>Open: the service may add statuses, and {@link #of(String)} keeps an unknown value as it is
 * instead of failing. An unknown status is not final.
 */
public final class ExecutionStatus {
  /** Accepted, not started yet. */
  public static final ExecutionStatus QUEUED = new ExecutionStatus("QUEUED", true, false);
  /** Started. */
  public static final ExecutionStatus RUNNING = new ExecutionStatus("RUNNING", true, false);
  /** Finished; {@code output_data} is set. Final. */
  public static final ExecutionStatus COMPLETED = new ExecutionStatus("COMPLETED", true, true);
  /** Finished with an error; {@code error} is set. Final. */
  public static final ExecutionStatus FAILED = new ExecutionStatus("FAILED", true, true);
  /** Stopped before it finished. Final. */
  public static final ExecutionStatus CANCELLED = new ExecutionStatus("CANCELLED", true, true);

  private static final List<ExecutionStatus> KNOWN =
      List.of(QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED);
  private static final Map<String, ExecutionStatus> BY_VALUE =
      KNOWN.stream()
          .collect(Collectors.toUnmodifiableMap(ExecutionStatus::value, Function.identity()));

  private final String value;
  private final boolean known;
  private final boolean isFinal;

  private ExecutionStatus(String value, boolean known, boolean isFinal) {
    this.value = value;
    this.known = known;
    this.isFinal = isFinal;
  }

  /**
   * Returns the status with this wire value: a constant when it is known, otherwise a new,
   * non-final value that keeps the text as it is.
   *
   * @param value the wire value, such as {@code "RUNNING"}
   * @return the status
   * @throws NullPointerException if {@code value} is null
   */
  public static ExecutionStatus of(String value) {
    ExecutionStatus constant = BY_VALUE.get(Objects.requireNonNull(value, "value"));
    return constant != null ? constant : new ExecutionStatus(value, false, false);
  }

  /**
   * Returns the statuses this SDK knows, in lifecycle order.
   *
   * @return an immutable list of the known statuses
   */
  public static List<ExecutionStatus> knownValues() {
    return KNOWN;
  }

  /**
   * Returns the wire value.
   *
   * @return the value as received, such as {@code "RUNNING"}
   */
  public String value() {
    return value;
  }

  /**
   * Tells whether this is one of the contract's statuses.
   *
   * @return true for the constants of this class
   */
  public boolean isKnown() {
    return known;
  }

  /**
   * Tells whether the execution can no longer change: {@code COMPLETED}, {@code FAILED} or
   * {@code CANCELLED}.
   *
   * @return true for a final status
   */
  public boolean isFinal() {
    return isFinal;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof ExecutionStatus && value.equals(((ExecutionStatus) other).value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Returns the wire value. */
  @Override
  public String toString() {
    return value;
  }
}
