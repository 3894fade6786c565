package dev.flowexec.sdk.testing.internal;

/** Thrown by {@link JsonParser} when a text is not one well-formed JSON value. */
public final class MalformedJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public MalformedJsonException(String message) {
    super(message);
  }
}
