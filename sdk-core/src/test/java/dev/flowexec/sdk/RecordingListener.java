package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.FlowApiException;
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
  public void attemptStarted(AttemptStarted event) {
    record("started " + event.operation() + " " + event.attempt());
  }

  @Override
  public void attemptFinished(AttemptFinished event) {
    record(
        "finished "
            + event.operation()
            + " "
            + event.attempt()
            + " "
            + event
                .execution()
                .map(e -> String.valueOf(e.status()))
                .orElseGet(
                    () ->
                        event
                            .failure()
                            .map(
                                f ->
                                    f instanceof FlowApiException
                                        ? ((FlowApiException) f).errorCode()
                                        : "?")
                            .orElse("?")));
  }

  @Override
  public void tokenFetched(TokenFetched event) {
    record(
        "token "
            + event.operation()
            + " "
            + event.attempt()
            + " "
            + event.duration().toMillis()
            + "ms"
            + (event.forcedRefresh() ? " forced" : "")
            + " "
            + event.errorCode().orElse(event.failure().isPresent() ? "?" : "ok"));
  }

  @Override
  public void retryScheduled(RetryScheduled event) {
    record(
        "retry "
            + event.operation()
            + " "
            + event.attempt()
            + " after "
            + event.delay().toMillis()
            + "ms: "
            + event.cause().errorCode());
  }

  @Override
  public void callFinished(CallFinished event) {
    RuntimeException failure = event.failure().orElse(null);
    String outcome =
        event.execution().isPresent()
            ? "ok"
            : failure instanceof FlowApiException
                ? ((FlowApiException) failure).errorCode()
                : failure instanceof java.util.concurrent.CancellationException
                    ? "cancelled"
                    : String.valueOf(failure);
    record("done " + event.operation() + " " + event.attempts() + " " + outcome);
  }

  private void record(String line) {
    lines.add(line);
    threads.put(line, Thread.currentThread().getName());
  }
}
