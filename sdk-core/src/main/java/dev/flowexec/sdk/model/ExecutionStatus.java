package dev.flowexec.sdk.model;

import java.util.List;
import java.util.Map;

/**
 * Where an execution is: {@code QUEUED} → {@code RUNNING} → {@code COMPLETED}, {@code FAILED} or
 * {@code CANCELLED}. The last three are final.
 *
 * <p>Open: the service may add statuses, and {@link #of(String)} keeps an unknown value as it is
 * instead of failing. An unknown status is not final.
 */
public final class ExecutionStatus extends OpenValue {
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
  private static final Map<String, ExecutionStatus> BY_VALUE = byValue(KNOWN);

  private final boolean isFinal;

  private ExecutionStatus(String value, boolean known, boolean isFinal) {
    super(value, known);
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
    return of(BY_VALUE, value, unknown -> new ExecutionStatus(unknown, false, false));
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
   * Tells whether the execution can no longer change: {@code COMPLETED}, {@code FAILED} or {@code
   * CANCELLED}.
   *
   * @return true for a final status
   */
  public boolean isFinal() {
    return isFinal;
  }
}
