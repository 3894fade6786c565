package dev.flowexec.sdk.errors;

import java.util.Objects;

/**
 * One broken rule of a request: where ({@link #field()}), which rule ({@link #issue()}) and a
 * sentence for a person ({@link #message()}). The same type describes the service's {@code details}
 * and the SDK's own checks at {@code build()}.
 */
// Written by hand, not by Immutables: a type users catch and read must leave no annotation in its
// class file that their -Xlint:all -Werror builds cannot resolve.
public final class FieldError {
  private final String field;
  private final String issue;
  private final String message;

  private FieldError(String field, String issue, String message) {
    this.field = Objects.requireNonNull(field, "field");
    this.issue = Objects.requireNonNull(issue, "issue");
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * Returns a field error.
   *
   * @param field the path into the request body, such as {@code participants[1].role}
   * @param issue the rule, such as {@code required} or {@code invalid_value}
   * @param message what was wrong and how to fix it
   * @return the field error
   * @throws NullPointerException if any argument is null
   */
  public static FieldError of(String field, String issue, String message) {
    return new FieldError(field, issue, message);
  }

  /**
   * Returns the path into the request body, in wire names: {@code participants[0].channels}.
   *
   * @return the field path
   */
  public String field() {
    return field;
  }

  /**
   * Returns the rule that was broken, as the contract names it: {@code required}, {@code blank},
   * {@code too_long}, {@code too_many}, {@code too_large}, {@code invalid_format}, {@code
   * invalid_value}, {@code duplicate}, {@code not_allowed}, {@code unknown_node}, {@code
   * unknown_field} or {@code malformed_json}. New issues may appear; compare as strings.
   *
   * @return the issue code
   */
  public String issue() {
    return issue;
  }

  /**
   * Returns a sentence for a person: what was wrong and how to fix it.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * Returns whether {@code other} is a field error with the same field, issue and message.
   *
   * @param other the object to compare with
   * @return whether the two are equal
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof FieldError)) {
      return false;
    }
    FieldError that = (FieldError) other;
    return field.equals(that.field) && issue.equals(that.issue) && message.equals(that.message);
  }

  /**
   * Returns a hash of the field, issue and message.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(field, issue, message);
  }

  /**
   * Returns {@code FieldError{field=..., issue=..., message=...}}.
   *
   * @return the field error as text
   */
  @Override
  public String toString() {
    return "FieldError{field=" + field + ", issue=" + issue + ", message=" + message + "}";
  }
}
