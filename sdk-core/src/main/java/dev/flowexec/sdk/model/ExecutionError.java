package dev.flowexec.sdk.model;

import java.util.Objects;

/** Why an execution {@link ExecutionStatus#FAILED failed}: the flow's error code and message. */
// Written by hand, not by Immutables: a type users read must leave no annotation in its class
// file that their -Xlint:all -Werror builds cannot resolve.
public final class ExecutionError {
  private final String code;
  private final String message;

  private ExecutionError(String code, String message) {
    this.code = Objects.requireNonNull(code, "code");
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * Returns an execution error.
   *
   * @param code the flow's error code
   * @param message the flow's error message
   * @return the error
   * @throws NullPointerException if either argument is null
   */
  public static ExecutionError of(String code, String message) {
    return new ExecutionError(code, message);
  }

  /**
   * Returns the flow's error code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * Returns the flow's error message.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * Returns whether {@code other} is an execution error with the same code and message.
   *
   * @param other the object to compare with
   * @return whether the two are equal
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ExecutionError)) {
      return false;
    }
    ExecutionError that = (ExecutionError) other;
    return code.equals(that.code) && message.equals(that.message);
  }

  /**
   * Returns a hash of the code and message.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(code, message);
  }

  /**
   * Returns {@code ExecutionError{code=..., message=...}}.
   *
   * @return the error as text
   */
  @Override
  public String toString() {
    return "ExecutionError{code=" + code + ", message=" + message + "}";
  }
}
