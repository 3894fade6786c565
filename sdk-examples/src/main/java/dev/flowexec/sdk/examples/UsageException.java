package dev.flowexec.sdk.examples;

/** The command line or the environment is wrong: the program says what to fix and exits with 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it; never a secret
   */
  public UsageException(String message) {
    super(message);
  }
}
