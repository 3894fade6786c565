package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ScheduledExecutorService} on a {@link TestClock}: a task scheduled with a delay runs
 * when the clock reaches its due time, never by real waiting. Tasks run one at a time on one daemon
 * thread, in due order (ties in the order they were scheduled).
 *
 * <p>The clock moves when a test advances it, and also by itself once everything that could
 * schedule an earlier task has settled: then it jumps to the next due task. "Settled" means no task
 * is running, no {@linkplain #enter() tracked call} (an HTTP call of a client) is in flight, and
 * every thread that has taken part (scheduled a task, made or completed a tracked call) is parked,
 * blocked in a wait or gone: the test thread blocked in {@code future.join()}, say. So a retry
 * backoff or a poll delay passes at once and in order, while a call's deadline timer never fires
 * early: it is always later than the retry or poll that is about to be scheduled, and that
 * scheduling happens while some thread is still running.
 */
public final class VirtualTimeScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  /** How often the worker looks at the participants while tasks wait in the future. */
  private static final long IDLE_CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

  private final TestClock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private final Set<Thread> participants = Collections.newSetFromMap(new WeakHashMap<>());
  private final Thread worker;
  // Threads on their way into the lock: parked, but about to change what is due.
  private final AtomicInteger arriving = new AtomicInteger();
  private long sequence;
  private long epoch;
  private int running;
  private int inFlight;
  private boolean shutdown;

  /**
   * Starts a scheduler on the clock.
   *
   * @param clock the clock that decides when tasks are due
   * @param name the name of its thread
   */
  public VirtualTimeScheduler(TestClock clock, String name) {
    this.clock = clock;
    this.worker = new Thread(this::work, name);
    worker.setDaemon(true);
    worker.start();
  }

  /** The clock tasks are due on. */
  public TestClock clock() {
    return clock;
  }

  /**
   * Marks the start of a tracked call (an HTTP request on its way): the clock does not move by
   * itself until the matching {@link #exit()}.
   */
  public void enter() {
    arrive();
    try {
      inFlight++;
      touch();
    } finally {
      leave();
    }
  }

  /** Marks the end of a tracked call, after its result was handed on. */
  public void exit() {
    arrive();
    try {
      inFlight--;
      touch();
    } finally {
      leave();
    }
  }

  /** Records the current thread as one that takes part, so its running holds the clock still. */
  public void participate() {
    arrive();
    try {
      touch();
    } finally {
      leave();
    }
  }

  private void arrive() {
    arriving.incrementAndGet();
    lock.lock();
  }

  private void leave() {
    lock.unlock();
    arriving.decrementAndGet();
  }

  private void touch() {
    Thread current = Thread.currentThread();
    if (current != worker) {
      participants.add(current);
    }
    epoch++;
    changed.signalAll();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(new Task<Void>(Executors.callable(command, null), dueIn(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new Task<>(callable, dueIn(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return enqueue(new Task<Void>(command, dueIn(initialDelay, unit), positive(period, unit)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return enqueue(new Task<Void>(command, dueIn(initialDelay, unit), -positive(delay, unit)));
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  private static long dueIn(long delay, TimeUnit unit) {
    return Math.max(0, unit.toNanos(delay));
  }

  private static long positive(long period, TimeUnit unit) {
    if (period <= 0) {
      throw new IllegalArgumentException("the period must be positive: " + period + " " + unit);
    }
    return unit.toNanos(period);
  }

  private <V> Task<V> enqueue(Task<V> task) {
    arrive();
    try {
      if (shutdown) {
        throw new RejectedExecutionException("the scheduler is shut down");
      }
      task.due = clock.instant().plusNanos(task.delay); // read under the lock: after any advance
      task.sequence = sequence++;
      queue.add(task);
      touch();
    } finally {
      leave();
    }
    return task;
  }

  private void remove(Task<?> task) {
    arrive();
    try {
      if (queue.remove(task)) {
        epoch++;
        changed.signalAll();
      }
    } finally {
      leave();
    }
  }

  private void work() {
    while (true) {
      Task<?> due = nextDue();
      if (due == null) {
        return;
      }
      try {
        due.runOnce();
      } finally {
        lock.lock();
        try {
          running--;
          if (due.isPeriodic() && !due.isDone() && !shutdown) {
            due.due =
                due.period > 0
                    ? due.due.plusNanos(due.period)
                    : clock.instant().plusNanos(-due.period);
            due.sequence = sequence++;
            queue.add(due);
          }
          epoch++;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Waits for the next task to be due (moving the clock when all is settled); null at shutdown. */
  private Task<?> nextDue() {
    lock.lock();
    try {
      while (true) {
        if (shutdown) {
          return null;
        }
        Task<?> head = queue.peek();
        if (head == null) {
          changed.awaitUninterruptibly();
          continue;
        }
        Instant now = clock.instant();
        if (!head.due.isAfter(now)) {
          queue.poll();
          running++;
          return head;
        }
        if (running == 0 && inFlight == 0) {
          long seen = epoch;
          List<Thread> threads = new ArrayList<>(participants);
          lock.unlock();
          boolean settled;
          try {
            settled = allWaiting(threads);
          } finally {
            lock.lock();
          }
          if (settled
              && seen == epoch
              && running == 0
              && inFlight == 0
              && arriving.get() == 0
              && queue.peek() == head) {
            Duration gap = Duration.between(clock.instant(), head.due);
            if (!gap.isNegative()) {
              clock.advance(gap);
            }
            continue;
          }
        }
        try {
          changed.awaitNanos(IDLE_CHECK_NANOS);
        } catch (InterruptedException e) {
          // Only shutdownNow interrupts the worker; the loop sees the flag.
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static boolean allWaiting(List<Thread> threads) {
    for (Thread t : threads) {
      Thread.State state = t.getState();
      if (state == Thread.State.RUNNABLE || state == Thread.State.BLOCKED) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void shutdown() {
    shutdownNow();
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> pending;
    lock.lock();
    try {
      shutdown = true;
      pending = new ArrayList<>(queue);
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Runnable task : pending) {
      ((Task<?>) task).cancel(false);
    }
    return pending;
  }

  @Override
  public boolean isShutdown() {
    lock.lock();
    try {
      return shutdown;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isTerminated() {
    return isShutdown() && !worker.isAlive();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    worker.join(Math.max(1, unit.toMillis(timeout)));
    return !worker.isAlive();
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "VirtualTimeScheduler{"
          + clock
          + ", queued="
          + queue.size()
          + ", running="
          + running
          + ", inFlight="
          + inFlight
          + (shutdown ? ", shut down" : "")
          + "}";
    } finally {
      lock.unlock();
    }
  }

  /** A scheduled task: one-shot, or periodic (period > 0 fixed rate, period < 0 fixed delay). */
  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final long period;
    final long delay;
    Instant due;
    long sequence;

    Task(Callable<V> callable, long delay, long period) {
      super(callable);
      this.delay = delay;
      this.period = period;
    }

    Task(Runnable command, long delay, long period) {
      super(command, null);
      this.delay = delay;
      this.period = period;
    }

    boolean isPeriodic() {
      return period != 0;
    }

    void runOnce() {
      if (isPeriodic()) {
        if (!runAndReset()) {
          return;
        }
      } else {
        run();
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due).toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      if (other == this) {
        return 0;
      }
      if (other instanceof Task) {
        Task<?> that = (Task<?>) other;
        int byDue = due.compareTo(that.due);
        return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        remove(this);
      }
      return cancelled;
    }
  }
}
