package dev.flowexec.sdk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on a {@link ManualClock}: tasks run on the test's thread when {@link #advance} moves
 * the clock past their time, so no test waits for real time.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final ManualClock clock;
  private final List<Task<?>> tasks = new ArrayList<>();
  private volatile boolean shutdown;

  ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  /** Moves the clock by {@code duration}, running each task that falls due, in time order. */
  void advance(Duration duration) {
    Instant until = clock.instant().plus(duration);
    while (true) {
      Task<?> next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.isDone() && !t.due.isAfter(until))
                .min(Comparator.comparing(t -> t.due))
                .orElse(null);
        if (next == null) {
          break;
        }
        tasks.remove(next);
      }
      if (next.due.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next.due));
      }
      next.run();
    }
    if (until.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), until));
    }
  }

  /** Tasks scheduled and not yet run or cancelled. */
  synchronized long pending() {
    return tasks.stream().filter(t -> !t.isDone()).count();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(
        new Task<Void>(
            () -> {
              command.run();
              return null;
            },
            clock.instant().plusNanos(unit.toNanos(delay))));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(new Task<>(callable, clock.instant().plusNanos(unit.toNanos(delay))));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable c, long i, long p, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable c, long i, long d, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  private synchronized <V> Task<V> add(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    tasks.add(task);
    return task;
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    synchronized (this) {
      List<Runnable> left = new ArrayList<>(tasks);
      tasks.clear();
      return left;
    }
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final Instant due;

    Task(Callable<V> callable, Instant due) {
      super(callable);
      this.due = due;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due));
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
