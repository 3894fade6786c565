package dev.flowexec.sdk.internal;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.Sleeper;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Runs one call of the client as a series of attempts: retries by the {@link RetryPolicy}, a
 * deadline over everything, and listener events. The synchronous path sleeps on the caller's
 * thread; the asynchronous path never blocks a thread, scheduling retries and the deadline on the
 * scheduler. Not public API.
 */
public final class CallRunner {
  private final RetryPolicy policy;
  private final ExecutionListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultTimeout;
  private final DoubleSupplier random;

  /** Creates a runner; {@code listener} must not throw (wrap it in {@link SafeListener}). */
  public CallRunner(RetryPolicy policy, ExecutionListener listener, Clock clock, Sleeper sleeper,
      ScheduledExecutorService scheduler, Duration defaultTimeout, DoubleSupplier random) {
    this.policy = policy;
    this.listener = listener;
    this.clock = clock;
    this.sleeper = sleeper;
    this.scheduler = scheduler;
    this.defaultTimeout = defaultTimeout;
    this.random = random;
  }

  /** Returns the instant a call with these options must end by. */
  public Instant deadline(CallOptions options) {
    Instant now = clock.instant();
    Instant byTimeout = options.timeout().map(now::plus).orElse(null);
    Instant byDeadline = options.deadline().orElse(null);
    if (byTimeout == null && byDeadline == null) {
      return now.plus(defaultTimeout);
    }
    if (byTimeout == null || byDeadline != null && byDeadline.isBefore(byTimeout)) {
      return byDeadline;
    }
    return byTimeout;
  }

  /** Runs a call on the caller's thread. */
  public FlowExecution call(Operation operation, String id, CallOptions options,
      Function<CallOptions, FlowExecution> attempt) {
    Instant start = clock.instant();
    Instant deadline = deadline(options);
    FlowApiException last = null;
    for (int n = 1; ; n++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        throw finish(operation, id, n - 1, start, deadlineExceeded(operation, id, start, last));
      }
      listener.attemptStarted(operation, id, n);
      Instant attemptStart = clock.instant();
      try {
        FlowExecution execution = attempt.apply(attemptOptions(options, remaining));
        listener.attemptFinished(operation, id, n, since(attemptStart), execution, null);
        listener.callFinished(operation, id, n, since(start), execution, null);
        return execution;
      } catch (FlowApiException failure) {
        listener.attemptFinished(operation, id, n, since(attemptStart), null, failure);
        last = failure;
        Duration delay = retryDelay(n, failure, deadline);
        if (delay == null) {
          throw finish(operation, id, n, start, giveUp(operation, id, start, failure, deadline));
        }
        listener.retryScheduled(operation, id, n, delay, failure);
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw finish(operation, id, n, start, failure);
        }
      } catch (RuntimeException unexpected) {
        listener.attemptFinished(operation, id, n, since(attemptStart), null, null);
        throw finish(operation, id, n, start, unexpected);
      }
    }
  }

  /** Runs a call without blocking any thread. */
  public CompletableFuture<FlowExecution> callAsync(Operation operation, String id,
      CallOptions options, Function<CallOptions, CompletableFuture<FlowExecution>> attempt) {
    AsyncCall call = new AsyncCall(operation, id, options, attempt);
    call.start();
    return call.result;
  }

  /** The delay before the next attempt, or null when there is none to make in time. */
  private Duration retryDelay(int attempt, FlowApiException failure, Instant deadline) {
    if (attempt >= policy.maxAttempts() || !policy.isRetryable(failure)) {
      return null;
    }
    Duration delay = policy.delayBeforeRetry(attempt, failure, random.getAsDouble());
    return clock.instant().plus(delay).isBefore(deadline) ? delay : null;
  }

  private RuntimeException giveUp(Operation operation, String id, Instant start,
      FlowApiException failure, Instant deadline) {
    return clock.instant().isBefore(deadline) ? failure
        : deadlineExceeded(operation, id, start, failure);
  }

  private DeadlineExceededException deadlineExceeded(
      Operation operation, String id, Instant start, FlowApiException last) {
    String message = operation.description() + " " + id + " did not finish within its deadline ("
        + since(start).toMillis() + " ms)"
        + (last == null ? "" : "; the last attempt failed with " + last.errorCode())
        + (operation == Operation.LAUNCH
            ? ". The execution may have started: launching the same request again is safe"
            : ". Raise the timeout in CallOptions or on the client");
    return new DeadlineExceededException(message, last);
  }

  private RuntimeException finish(Operation operation, String id, int attempts, Instant start,
      RuntimeException failure) {
    listener.callFinished(operation, id, attempts, since(start), null, failure);
    return failure;
  }

  private static CallOptions attemptOptions(CallOptions options, Duration remaining) {
    return CallOptions.builder().timeout(remaining).putAllHeaders(options.headers()).build();
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }

  /** One asynchronous call: attempts chained by scheduled retries, raced against a deadline. */
  private final class AsyncCall {
    final CompletableFuture<FlowExecution> result = new CompletableFuture<>();
    private final Operation operation;
    private final String id;
    private final CallOptions options;
    private final Function<CallOptions, CompletableFuture<FlowExecution>> attempt;
    private final AtomicInteger attempts = new AtomicInteger();
    private final Instant start = clock.instant();
    private final Instant deadline;
    private volatile Future<?> inFlight;
    private volatile Future<?> pendingRetry;
    private volatile Future<?> deadlineTimer;
    private volatile FlowApiException last;
    // Set by whoever ends the call first, so that callFinished is reported exactly once, and
    // before the caller's future completes (metrics are recorded before dependents run).
    private final AtomicBoolean finished =
        new AtomicBoolean();

    AsyncCall(Operation operation, String id, CallOptions options,
        Function<CallOptions, CompletableFuture<FlowExecution>> attempt) {
      this.operation = operation;
      this.id = id;
      this.options = options;
      this.attempt = attempt;
      this.deadline = deadline(options);
    }

    void start() {
      result.whenComplete((execution, failure) -> {
        // Whatever ended the call (success, failure, deadline, the caller's cancel), stop the rest.
        cancel(inFlight, true);
        cancel(pendingRetry, false);
        cancel(deadlineTimer, false);
        if (result.isCancelled() && finished.compareAndSet(false, true)) {
          listener.callFinished(operation, id, attempts.get(), since(start), null,
              new CancellationException("cancelled by the caller"));
        }
      });
      try {
        long millis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        deadlineTimer = scheduler.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        fail(new IllegalStateException("the client is closed: build a new one", closed));
        return;
      }
      next();
    }

    private void next() {
      if (result.isDone()) {
        return;
      }
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        expire();
        return;
      }
      int n = attempts.incrementAndGet();
      listener.attemptStarted(operation, id, n);
      Instant attemptStart = clock.instant();
      CompletableFuture<FlowExecution> sent;
      try {
        sent = attempt.apply(attemptOptions(options, remaining));
      } catch (RuntimeException failure) {
        sent = CompletableFuture.failedFuture(failure);
      }
      inFlight = sent;
      if (result.isDone()) {
        sent.cancel(true); // cancelled while the attempt was being sent
      }
      sent.whenComplete((execution, error) -> attemptDone(n, attemptStart, execution, error));
    }

    private void attemptDone(int n, Instant attemptStart, FlowExecution execution, Throwable error) {
      Throwable failure = unwrap(error);
      FlowApiException apiFailure = failure instanceof FlowApiException ? (FlowApiException) failure : null;
      listener.attemptFinished(operation, id, n, since(attemptStart), execution, apiFailure);
      if (result.isDone()) {
        return;
      }
      if (failure == null) {
        if (finished.compareAndSet(false, true)) {
          listener.callFinished(operation, id, n, since(start), execution, null);
          result.complete(execution);
        }
        return;
      }
      if (apiFailure == null) {
        fail(failure instanceof RuntimeException ? (RuntimeException) failure : new CompletionException(failure));
        return;
      }
      last = apiFailure;
      Duration delay = retryDelay(n, apiFailure, deadline);
      if (delay == null) {
        fail(giveUp(operation, id, start, apiFailure, deadline));
        return;
      }
      listener.retryScheduled(operation, id, n, delay, apiFailure);
      try {
        pendingRetry = scheduler.schedule(this::next, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closed) {
        fail(apiFailure);
      }
    }

    private void expire() {
      fail(deadlineExceeded(operation, id, start, last));
    }

    private void fail(RuntimeException failure) {
      if (finished.compareAndSet(false, true)) {
        listener.callFinished(operation, id, attempts.get(), since(start), null, failure);
        result.completeExceptionally(failure);
      }
    }
  }

  private static void cancel(Future<?> future, boolean interrupt) {
    if (future != null) {
      future.cancel(interrupt);
    }
  }

  private static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }
}
