package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.FlowExecution;
import java.io.IOException;

/**
 * The body of a successful response as {@link JsonConverterFactory} read it: the execution, or why
 * it could not be read. A converter sees no status code or headers, so it hands the failure on
 * instead of throwing it, and {@link ApiResponses} adds the response's status and request id. Not
 * public API.
 */
final class ExecutionBody {
  private final FlowExecution execution;
  private final FlowApiException malformed;
  private final IOException readFailure;

  private ExecutionBody(
      FlowExecution execution, FlowApiException malformed, IOException readFailure) {
    this.execution = execution;
    this.malformed = malformed;
    this.readFailure = readFailure;
  }

  /**
   * Returns a body that was read.
   *
   * @param execution the execution
   * @return the body
   */
  public static ExecutionBody of(FlowExecution execution) {
    return new ExecutionBody(execution, null, null);
  }

  /**
   * Returns a body that breaks the contract.
   *
   * @param malformed the codec's error, with no status yet
   * @return the body
   */
  public static ExecutionBody malformed(FlowApiException malformed) {
    return new ExecutionBody(null, malformed, null);
  }

  /**
   * Returns a body whose reading failed: the connection broke, or the body went past its limit
   * ({@link ResponseTooLargeException}).
   *
   * @param failure the failure
   * @return the body
   */
  public static ExecutionBody unreadable(IOException failure) {
    return new ExecutionBody(null, null, failure);
  }

  /**
   * Returns the execution.
   *
   * @return the execution, or null when the body could not be read
   */
  public FlowExecution execution() {
    return execution;
  }

  /**
   * Returns the codec's error.
   *
   * @return the error, or null
   */
  public FlowApiException malformed() {
    return malformed;
  }

  /**
   * Returns the failure while reading.
   *
   * @return the failure, or null
   */
  public IOException readFailure() {
    return readFailure;
  }
}
