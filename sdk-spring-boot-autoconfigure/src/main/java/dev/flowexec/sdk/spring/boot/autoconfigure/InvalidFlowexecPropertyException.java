package dev.flowexec.sdk.spring.boot.autoconfigure;

import java.util.Objects;

/**
 * A {@code flowexec.*} property has a value the client cannot be built with, or a required one is
 * missing. It stops the application at start-up; the message names the property, what is wrong and
 * how to fix it, and never shows a token or secret.
 */
public class InvalidFlowexecPropertyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The property that is wrong, such as {@code flowexec.base-url}. */
  private final String property;

  /** What is wrong with it. */
  private final String reason;

  /** How to fix it. */
  private final String action;

  /**
   * Creates the exception.
   *
   * @param property the property, such as {@code flowexec.base-url}
   * @param reason what is wrong with it
   * @param action how to fix it
   */
  public InvalidFlowexecPropertyException(String property, String reason, String action) {
    this(property, reason, action, null);
  }

  /**
   * Creates the exception with the SDK's own complaint as its cause.
   *
   * @param property the property, such as {@code flowexec.base-url}
   * @param reason what is wrong with it
   * @param action how to fix it
   * @param cause the builder's exception, or {@code null}
   */
  public InvalidFlowexecPropertyException(
      String property, String reason, String action, Throwable cause) {
    super(property + ": " + reason + ". " + action, cause);
    this.property = Objects.requireNonNull(property, "property");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Returns the property that is wrong.
   *
   * @return the property name, such as {@code flowexec.base-url}
   */
  public String property() {
    return property;
  }

  /**
   * Returns what is wrong with it.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns how to fix it.
   *
   * @return the action
   */
  public String action() {
    return action;
  }
}
