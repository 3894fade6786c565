package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.Operation;
import java.time.Duration;

/**
 * Hears what the client does, for metrics and logs: each attempt, each retry, each outcome.
 *
 * <p>Every method has an empty default; implement those you need. Methods are called on the thread
 * that ran the attempt and must return quickly. A listener that throws never breaks a call: the
 * client logs the failure and goes on.
 *
 * <pre>{@code
 * ExecutionListener metrics = new ExecutionListener() {
 *   @Override
 *   public void callFinished(Operation operation, String id, int attempts, Duration duration,
 *       FlowExecution execution, RuntimeException failure) {
 *     String outcome = failure == null ? "ok"
 *         : failure instanceof FlowApiException ? ((FlowApiException) failure).errorCode() : "error";
 *     counter(operation, outcome).increment();
 *   }
 * };
 * }</pre>
 */
public interface ExecutionListener {
  /**
   * An attempt is about to be sent.
   *
   * @param operation launch or get
   * @param flowExecutionId the execution's id
   * @param attempt the attempt's number, from 1
   */
  default void attemptStarted(Operation operation, String flowExecutionId, int attempt) {}

  /**
   * An attempt ended.
   *
   * @param operation launch or get
   * @param flowExecutionId the execution's id
   * @param attempt the attempt's number, from 1
   * @param duration how long it took
   * @param execution the execution on success (its {@code status()} is the execution's status),
   *     else null
   * @param failure the failure, with its {@code statusCode()} and {@code errorCode()}, else null
   */
  default void attemptFinished(Operation operation, String flowExecutionId, int attempt,
      Duration duration, FlowExecution execution, FlowApiException failure) {}

  /**
   * A failed attempt will be retried after a delay.
   *
   * @param operation launch or get
   * @param flowExecutionId the execution's id
   * @param attempt the number of the attempt that failed
   * @param delay how long the client waits before the next attempt
   * @param cause why the attempt failed
   */
  default void retryScheduled(Operation operation, String flowExecutionId, int attempt,
      Duration delay, FlowApiException cause) {}

  /**
   * The call ended, for good: the final outcome.
   *
   * @param operation launch or get
   * @param flowExecutionId the execution's id
   * @param attempts how many attempts were sent
   * @param duration how long the whole call took, retries included
   * @param execution the execution on success, else null
   * @param failure what the caller gets on failure (usually a {@link FlowApiException}), else null
   */
  default void callFinished(Operation operation, String flowExecutionId, int attempts,
      Duration duration, FlowExecution execution, RuntimeException failure) {}

  /**
   * Returns a listener that does nothing.
   *
   * @return the no-op listener
   */
  static ExecutionListener noop() {
    return NoopListener.INSTANCE;
  }
}
