package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.Operation;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a long wait as it happens: while {@code awaitCompletion} polls, each read prints the new
 * status when it changed, else a dot. {@code QUEUED . . RUNNING . . . COMPLETED (3.1 s)}.
 */
final class ProgressListener implements ExecutionListener {
  private final PrintStream out;
  private String watched;
  private ExecutionStatus last;
  private long startNanos;

  ProgressListener(PrintStream out) {
    this.out = out;
  }

  /** Starts a progress line for an execution, from the status it had when launched. */
  synchronized void watch(String label, FlowExecution launched) {
    watched = launched.flowExecutionId();
    last = launched.status();
    startNanos = System.nanoTime();
    out.printf("  %-12s %s", label, last);
    out.flush();
  }

  /** Ends the progress line with the time waited. */
  synchronized void done() {
    if (watched != null) {
      out.printf("  (%.1f s)%n", (System.nanoTime() - startNanos) / 1e9);
      watched = null;
    }
  }

  @Override
  public synchronized void callFinished(Operation operation, String flowExecutionId, int attempts,
      Duration duration, FlowExecution execution, RuntimeException failure) {
    if (operation != Operation.GET || !flowExecutionId.equals(watched)) {
      return;
    }
    if (failure != null) {
      out.print(" !");
    } else if (execution.status().equals(last)) {
      out.print(" .");
    } else {
      last = execution.status();
      out.print(" " + last.value().toUpperCase(Locale.ROOT));
    }
    out.flush();
  }

  /** Tells two listeners of every event: metrics and progress, say. */
  static ExecutionListener both(ExecutionListener first, ExecutionListener second) {
    return new ExecutionListener() {
      @Override
      public void attemptStarted(Operation operation, String id, int attempt) {
        first.attemptStarted(operation, id, attempt);
        second.attemptStarted(operation, id, attempt);
      }

      @Override
      public void attemptFinished(Operation operation, String id, int attempt, Duration duration,
          FlowExecution execution, dev.flowexec.sdk.errors.FlowApiException failure) {
        first.attemptFinished(operation, id, attempt, duration, execution, failure);
        second.attemptFinished(operation, id, attempt, duration, execution, failure);
      }

      @Override
      public void retryScheduled(Operation operation, String id, int attempt, Duration delay,
          dev.flowexec.sdk.errors.FlowApiException cause) {
        first.retryScheduled(operation, id, attempt, delay, cause);
        second.retryScheduled(operation, id, attempt, delay, cause);
      }

      @Override
      public void callFinished(Operation operation, String id, int attempts, Duration duration,
          FlowExecution execution, RuntimeException failure) {
        first.callFinished(operation, id, attempts, duration, execution, failure);
        second.callFinished(operation, id, attempts, duration, execution, failure);
      }
    };
  }
}
