package dev.flowexec.sdk.model;

import org.immutables.value.Value;

/** Why an execution {@link ExecutionStatus#FAILED failed}: the flow's error code and message. */
@Value.Immutable(builder = false)
public abstract class ExecutionError implements WithExecutionError {
  ExecutionError() {}

  /**
   * Returns an execution error.
   *
   * @param code the flow's error code
   * @param message the flow's error message
   * @return the error
   */
  public static ExecutionError of(String code, String message) {
    return ImmutableExecutionError.of(code, message);
  }

  /**
   * Returns the flow's error code.
   *
   * @return the code
   */
  @Value.Parameter
  public abstract String code();

  /**
   * Returns the flow's error message.
   *
   * @return the message
   */
  @Value.Parameter
  public abstract String message();
}
