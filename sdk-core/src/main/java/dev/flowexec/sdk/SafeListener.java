package dev.flowexec.sdk;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Tells every listener of every event, in order, and shields calls from a listener that throws: the
 * failure is logged at {@code WARNING} and the call (and the next listener) goes on.
 */
final class SafeListener implements ExecutionListener {
  private static final System.Logger LOG = System.getLogger("dev.flowexec.sdk.ExecutionListener");

  private final ExecutionListener[] delegates;

  /** Wraps {@code delegates}, told in this order. */
  public SafeListener(List<ExecutionListener> delegates) {
    this.delegates = delegates.toArray(new ExecutionListener[0]);
  }

  /** Wraps one listener. */
  public SafeListener(ExecutionListener delegate) {
    this(List.of(delegate));
  }

  /**
   * Tells whether no event would reach anyone now: the only listener is the client's own log, and
   * DEBUG is off for it. A call that starts while this holds makes no event objects at all.
   */
  boolean isQuiet() {
    for (ExecutionListener delegate : delegates) {
      if (!(delegate instanceof LoggingListener) || ((LoggingListener) delegate).isEnabled()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void callStarted(CallStarted event) {
    tell("callStarted", ExecutionListener::callStarted, event);
  }

  @Override
  public void attemptStarted(AttemptStarted event) {
    tell("attemptStarted", ExecutionListener::attemptStarted, event);
  }

  @Override
  public void attemptFinished(AttemptFinished event) {
    tell("attemptFinished", ExecutionListener::attemptFinished, event);
  }

  @Override
  public void requestResent(RequestResent event) {
    tell("requestResent", ExecutionListener::requestResent, event);
  }

  @Override
  public void tokenFetched(TokenFetched event) {
    tell("tokenFetched", ExecutionListener::tokenFetched, event);
  }

  @Override
  public void retryScheduled(RetryScheduled event) {
    tell("retryScheduled", ExecutionListener::retryScheduled, event);
  }

  @Override
  public void callFinished(CallFinished event) {
    tell("callFinished", ExecutionListener::callFinished, event);
  }

  private <E> void tell(String name, BiConsumer<ExecutionListener, E> method, E event) {
    for (ExecutionListener delegate : delegates) {
      try {
        method.accept(delegate, event);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        LOG.log(
            System.Logger.Level.WARNING,
            () ->
                "ExecutionListener "
                    + delegate.getClass().getName()
                    + "."
                    + name
                    + " threw; the call goes on",
            e);
      }
    }
  }
}
