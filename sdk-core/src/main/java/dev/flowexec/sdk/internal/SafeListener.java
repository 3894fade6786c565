package dev.flowexec.sdk.internal;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.Operation;
import java.time.Duration;

/**
 * Shields calls from a listener that throws: the failure is logged and the call goes on. Not
 * public API.
 */
public final class SafeListener implements ExecutionListener {
  private static final System.Logger LOG = System.getLogger("dev.flowexec.sdk.ExecutionListener");

  private final ExecutionListener delegate;

  /** Wraps {@code delegate}. */
  public SafeListener(ExecutionListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void attemptStarted(Operation operation, String flowExecutionId, int attempt) {
    try {
      delegate.attemptStarted(operation, flowExecutionId, attempt);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      log("attemptStarted", e);
    }
  }

  @Override
  public void attemptFinished(Operation operation, String flowExecutionId, int attempt,
      Duration duration, FlowExecution execution, FlowApiException failure) {
    try {
      delegate.attemptFinished(operation, flowExecutionId, attempt, duration, execution, failure);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      log("attemptFinished", e);
    }
  }

  @Override
  public void retryScheduled(Operation operation, String flowExecutionId, int attempt,
      Duration delay, FlowApiException cause) {
    try {
      delegate.retryScheduled(operation, flowExecutionId, attempt, delay, cause);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      log("retryScheduled", e);
    }
  }

  @Override
  public void callFinished(Operation operation, String flowExecutionId, int attempts,
      Duration duration, FlowExecution execution, RuntimeException failure) {
    try {
      delegate.callFinished(operation, flowExecutionId, attempts, duration, execution, failure);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      log("callFinished", e);
    }
  }

  private void log(String event, Throwable failure) {
    LOG.log(System.Logger.Level.WARNING,
        () -> "ExecutionListener " + delegate.getClass().getName() + "." + event
            + " threw; the call goes on", failure);
  }
}
