package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.Operation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes each listener event as a short line, and the threads they came on. */
final class RecordingListener implements ExecutionListener {
  final List<String> lines = new CopyOnWriteArrayList<>();
  private final java.util.Map<String, String> threads = new ConcurrentHashMap<>();

  String threadOf(String line) {
    return threads.get(line);
  }

  @Override
  public void attemptStarted(Operation operation, String id, int attempt) {
    record("started " + operation + " " + attempt);
  }

  @Override
  public void attemptFinished(Operation operation, String id, int attempt, Duration duration,
      FlowExecution execution, FlowApiException failure) {
    record("finished " + operation + " " + attempt + " "
        + (execution != null ? execution.status() : failure == null ? "?" : failure.errorCode()));
  }

  @Override
  public void retryScheduled(Operation operation, String id, int attempt, Duration delay,
      FlowApiException cause) {
    record("retry " + operation + " " + attempt + " after " + delay.toMillis() + "ms: "
        + cause.errorCode());
  }

  @Override
  public void callFinished(Operation operation, String id, int attempts, Duration duration,
      FlowExecution execution, RuntimeException failure) {
    String outcome = execution != null ? "ok"
        : failure instanceof FlowApiException ? ((FlowApiException) failure).errorCode()
        : failure instanceof java.util.concurrent.CancellationException ? "cancelled"
        : String.valueOf(failure);
    record("done " + operation + " " + attempts + " " + outcome);
  }

  private void record(String line) {
    lines.add(line);
    threads.put(line, Thread.currentThread().getName());
  }
}
