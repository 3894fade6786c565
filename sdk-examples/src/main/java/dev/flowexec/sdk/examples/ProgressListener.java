package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.Operation;
import java.io.PrintStream;
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
  public synchronized void callFinished(CallFinished call) {
    if (call.operation() != Operation.GET || !call.flowExecutionId().equals(watched)) {
      return;
    }
    FlowExecution execution = call.execution().orElse(null);
    if (execution == null) {
      out.print(" !");
    } else if (execution.status().equals(last)) {
      out.print(" .");
    } else {
      last = execution.status();
      out.print(" " + last.value().toUpperCase(Locale.ROOT));
    }
    out.flush();
  }
}
