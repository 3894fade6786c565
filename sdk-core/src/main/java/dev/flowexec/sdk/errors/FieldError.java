package dev.flowexec.sdk.errors;

import org.immutables.value.Value;

/**
 * One broken rule of a request: where ({@link #field()}), which rule ({@link #issue()}) and a
 * sentence for a person ({@link #message()}). The same type describes the service's
 * {@code details} and the SDK's own checks at {@code build()}.
 */
@Value.Immutable(builder = false)
public abstract class FieldError {
  FieldError() {}

  /**
   * Returns a field error.
   *
   * @param field the path into the request body, such as {@code participants[1].role}
   * @param issue the rule, such as {@code required} or {@code invalid_value}
   * @param message what was wrong and how to fix it
   * @return the field error
   */
  public static FieldError of(String field, String issue, String message) {
    return ImmutableFieldError.of(field, issue, message);
  }

  /**
   * Returns the path into the request body, in wire names: {@code participants[0].channels}.
   *
   * @return the field path
   */
  @Value.Parameter
  public abstract String field();

  /**
   * Returns the rule that was broken, as the contract names it: {@code required}, {@code blank},
   * {@code too_long}, {@code too_many}, {@code too_large}, {@code invalid_format},
   * {@code invalid_value}, {@code duplicate}, {@code not_allowed}, {@code unknown_node},
   * {@code unknown_field} or {@code malformed_json}. New issues may appear; compare as strings.
   *
   * @return the issue code
   */
  @Value.Parameter
  public abstract String issue();

  /**
   * Returns a sentence for a person: what was wrong and how to fix it.
   *
   * @return the message
   */
  @Value.Parameter
  public abstract String message();
}
