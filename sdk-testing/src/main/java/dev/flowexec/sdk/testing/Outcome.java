package dev.flowexec.sdk.testing;

import dev.flowexec.sdk.testing.internal.JsonParser;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the executions of a flow end once they have run: {@code COMPLETED} with some {@code
 * output_data}, {@code FAILED} with an {@code error}, {@code CANCELLED}, or never (they stay {@code
 * RUNNING}).
 */
public final class Outcome {
  /** The final states an {@link Outcome} can lead to. */
  public enum Kind {
    /** The execution ends {@code COMPLETED} with {@link #outputData()}. */
    COMPLETED,
    /** The execution ends {@code FAILED} with {@link #errorCode()} and {@link #errorMessage()}. */
    FAILED,
    /** The execution ends {@code CANCELLED}. */
    CANCELLED,
    /** The execution stays {@code RUNNING} for ever. */
    STAYS_RUNNING
  }

  private final Kind kind;
  private final Map<String, Object> outputData;
  private final String errorCode;
  private final String errorMessage;

  private Outcome(Kind kind, Map<String, Object> outputData, String errorCode, String message) {
    this.kind = kind;
    this.outputData = outputData;
    this.errorCode = errorCode;
    this.errorMessage = message;
  }

  /**
   * Executions end {@code COMPLETED} with this {@code output_data}.
   *
   * @param outputData the output object: values may be maps, lists, strings, numbers, booleans or
   *     {@code null}
   * @return the outcome
   */
  @SuppressWarnings("unchecked")
  public static Outcome completed(Map<String, ?> outputData) {
    Objects.requireNonNull(outputData, "outputData");
    return new Outcome(
        Kind.COMPLETED, (Map<String, Object>) JsonParser.freeze(outputData), null, null);
  }

  /**
   * Executions end {@code FAILED} with {@code error} {@code {"code": code, "message": message}}.
   *
   * @param code the error code
   * @param message the error message
   * @return the outcome
   */
  public static Outcome failed(String code, String message) {
    return new Outcome(
        Kind.FAILED,
        null,
        Objects.requireNonNull(code, "code"),
        Objects.requireNonNull(message, "message"));
  }

  /**
   * Executions end {@code CANCELLED}.
   *
   * @return the outcome
   */
  public static Outcome cancelled() {
    return new Outcome(Kind.CANCELLED, null, null, null);
  }

  /**
   * Executions never end: they stay {@code RUNNING}.
   *
   * @return the outcome
   */
  public static Outcome staysRunning() {
    return new Outcome(Kind.STAYS_RUNNING, null, null, null);
  }

  /**
   * Which final state this outcome leads to.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The {@code output_data} of a {@link Kind#COMPLETED} outcome.
   *
   * @return the unmodifiable output, empty for the other kinds
   */
  public Optional<Map<String, Object>> outputData() {
    return Optional.ofNullable(outputData);
  }

  /**
   * The {@code error.code} of a {@link Kind#FAILED} outcome.
   *
   * @return the code, empty for the other kinds
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * The {@code error.message} of a {@link Kind#FAILED} outcome.
   *
   * @return the message, empty for the other kinds
   */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  @Override
  public String toString() {
    switch (kind) {
      case COMPLETED:
        return "Outcome.completed(" + outputData + ")";
      case FAILED:
        return "Outcome.failed(" + errorCode + ", " + errorMessage + ")";
      default:
        return "Outcome." + kind;
    }
  }
}
