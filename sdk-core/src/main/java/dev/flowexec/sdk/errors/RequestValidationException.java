package dev.flowexec.sdk.errors;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A value broke a rule of the contract at {@code build()}, before anything was sent. The message
 * names each field path, the rule and the fix, as the service's {@code details} would; {@link
 * #fieldErrors()} has them one by one.
 */
public class RequestValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The broken rules. */
  private final List<FieldError> fieldErrors;

  /**
   * Creates the exception.
   *
   * @param fieldErrors the broken rules; at least one
   * @throws IllegalArgumentException if {@code fieldErrors} is empty
   */
  public RequestValidationException(List<FieldError> fieldErrors) {
    super(describe(fieldErrors));
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  /**
   * Returns the broken rules, in the order of the fields.
   *
   * @return an immutable, non-empty list
   */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  private static String describe(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one field error");
    }
    if (errors.size() == 1) {
      return errors.get(0).message();
    }
    return errors.size()
        + " fields are invalid: "
        + errors.stream().map(FieldError::message).collect(Collectors.joining("; "));
  }
}
