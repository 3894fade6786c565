package dev.flowexec.sdk;

import dev.flowexec.sdk.model.FlowExecution;
import java.util.Objects;

/**
 * An execution together with the {@link ResponseMetadata} of the call that returned it: what {@link
 * FlowExecutionsClient#withResponse()} gives. Immutable.
 */
public final class ExecutionResponse {
  private final FlowExecution execution;
  private final ResponseMetadata metadata;

  private ExecutionResponse(FlowExecution execution, ResponseMetadata metadata) {
    this.execution = execution;
    this.metadata = metadata;
  }

  /**
   * Returns a response; the client makes these, tests of your own code may too.
   *
   * @param execution the execution
   * @param metadata how the call went
   * @return the response
   */
  public static ExecutionResponse of(FlowExecution execution, ResponseMetadata metadata) {
    return new ExecutionResponse(
        Objects.requireNonNull(execution, "execution"),
        Objects.requireNonNull(metadata, "metadata"));
  }

  /**
   * Returns the execution, as the plain client methods return it.
   *
   * @return the execution
   */
  public FlowExecution execution() {
    return execution;
  }

  /**
   * Returns how the call went: status, replayed, request id, attempts, elapsed time, headers.
   *
   * @return the metadata
   */
  public ResponseMetadata metadata() {
    return metadata;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExecutionResponse
        && execution.equals(((ExecutionResponse) other).execution)
        && metadata.equals(((ExecutionResponse) other).metadata);
  }

  @Override
  public int hashCode() {
    return 31 * execution.hashCode() + metadata.hashCode();
  }

  @Override
  public String toString() {
    return "ExecutionResponse{execution=" + execution + ", metadata=" + metadata + "}";
  }
}
