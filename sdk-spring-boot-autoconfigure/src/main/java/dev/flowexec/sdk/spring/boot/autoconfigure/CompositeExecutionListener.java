package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.ExecutionListener;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells every {@link ExecutionListener} bean of the application, in order, so that metrics, tracing
 * and the application's own listener can all watch one client. One listener that throws does not
 * keep the event from the others; the first failure is rethrown afterwards, for the client to log.
 */
final class CompositeExecutionListener implements ExecutionListener {
  private final List<ExecutionListener> listeners;

  private CompositeExecutionListener(List<ExecutionListener> listeners) {
    this.listeners = listeners;
  }

  static ExecutionListener of(List<ExecutionListener> listeners) {
    return listeners.size() == 1 ? listeners.get(0) : new CompositeExecutionListener(List.copyOf(listeners));
  }

  @Override
  public void callStarted(CallStarted event) {
    each(listener -> listener.callStarted(event));
  }

  @Override
  public void attemptStarted(AttemptStarted event) {
    each(listener -> listener.attemptStarted(event));
  }

  @Override
  public void attemptFinished(AttemptFinished event) {
    each(listener -> listener.attemptFinished(event));
  }

  @Override
  public void retryScheduled(RetryScheduled event) {
    each(listener -> listener.retryScheduled(event));
  }

  @Override
  public void callFinished(CallFinished event) {
    each(listener -> listener.callFinished(event));
  }

  private void each(Consumer<ExecutionListener> call) {
    RuntimeException first = null;
    for (ExecutionListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException failure) {
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "CompositeExecutionListener" + listeners;
  }
}
