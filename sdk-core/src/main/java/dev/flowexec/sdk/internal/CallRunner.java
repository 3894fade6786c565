package dev.flowexec.sdk.internal;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.ExecutionListener.AttemptFinished;
import dev.flowexec.sdk.ExecutionListener.AttemptStarted;
import dev.flowexec.sdk.ExecutionListener.CallFinished;
import dev.flowexec.sdk.ExecutionListener.CallStarted;
import dev.flowexec.sdk.ExecutionListener.RetryScheduled;
import dev.flowexec.sdk.ExecutionResponse;
import dev.flowexec.sdk.ResponseMetadata;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.Sleeper;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.TransportResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Runs one call of the client as a series of attempts: retries by the {@link RetryPolicy}, a
 * deadline over everything, and listener events. The synchronous path sleeps on the caller's
 * thread; the asynchronous path never blocks a thread, scheduling retries and the deadline on the
 * scheduler. Not public API.
 */
public final class CallRunner {
  private static final AtomicLong CALL_IDS = new AtomicLong();

  private final RetryPolicy policy;
  private final ExecutionListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultTimeout;
  private final DoubleSupplier random;
  private final URI baseUrl;

  /**
   * Creates a runner; {@code listener} must not throw (wrap it in {@link SafeListener});
   * {@code baseUrl} is the transport's, without user info, or null.
   */
  public CallRunner(RetryPolicy policy, ExecutionListener listener, Clock clock, Sleeper sleeper,
      ScheduledExecutorService scheduler, Duration defaultTimeout, DoubleSupplier random,
      URI baseUrl) {
    this.baseUrl = baseUrl;
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
  public ExecutionResponse call(Operation operation, String id, CallOptions options,
      Function<CallOptions, TransportResponse> attempt) {
    long callId = CALL_IDS.incrementAndGet();
    Instant start = clock.instant();
    Instant deadline = deadline(options);
    listener.callStarted(new CallStarted(callId, operation, id));
    FlowApiException last = null;
    for (int n = 1; ; n++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        throw finish(callId, operation, id, n - 1, start,
            deadlineExceeded(operation, id, start, last));
      }
      AttemptStarted started = new AttemptStarted(callId, operation, id, n, baseUrl);
      listener.attemptStarted(started);
      Instant attemptStart = clock.instant();
      try {
        TransportResponse response = checked(attempt.apply(attemptOptions(options, remaining, started)));
        listener.attemptFinished(new AttemptFinished(callId, operation, id, n, since(attemptStart),
            response, null));
        return succeed(callId, operation, id, n, start, response);
      } catch (FlowApiException failure) {
        listener.attemptFinished(new AttemptFinished(callId, operation, id, n, since(attemptStart),
            null, failure));
        last = failure;
        Duration delay = retryDelay(n, failure, deadline);
        if (delay == null) {
          throw finish(callId, operation, id, n, start,
              giveUp(operation, id, start, failure, deadline));
        }
        listener.retryScheduled(new RetryScheduled(callId, operation, id, n, delay, failure));
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw finish(callId, operation, id, n, start, failure);
        }
      } catch (RuntimeException unexpected) {
        listener.attemptFinished(new AttemptFinished(callId, operation, id, n, since(attemptStart),
            null, unexpected));
        throw finish(callId, operation, id, n, start, unexpected);
      }
    }
  }

  /** Runs a call without blocking any thread. */
  public CompletableFuture<ExecutionResponse> callAsync(Operation operation, String id,
      CallOptions options, Function<CallOptions, CompletableFuture<TransportResponse>> attempt) {
    AsyncCall call = new AsyncCall(operation, id, options, attempt);
    call.start();
    return call.result;
  }

  private static TransportResponse checked(TransportResponse response) {
    if (response == null) {
      throw new IllegalStateException("the transport returned null instead of a TransportResponse");
    }
    return response;
  }

  private ExecutionResponse succeed(long callId, Operation operation, String id, int attempts,
      Instant start, TransportResponse response) {
    Duration elapsed = since(start);
    ExecutionResponse result = ExecutionResponse.of(response.execution(),
        ResponseMetadata.of(response.statusCode(), response.headers(), attempts, elapsed));
    listener.callFinished(new CallFinished(callId, operation, id, attempts, elapsed, result, null));
    return result;
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

  private RuntimeException finish(long callId, Operation operation, String id, int attempts,
      Instant start, RuntimeException failure) {
    listener.callFinished(new CallFinished(callId, operation, id, attempts, since(start), null,
        failure));
    return failure;
  }

  /** The attempt's options: the time left, the caller's headers and those listeners added. */
  private static CallOptions attemptOptions(CallOptions options, Duration remaining,
      AttemptStarted started) {
    Map<String, String> added = started.addedHeaders();
    return CallOptions.builder().timeout(remaining).putAllHeaders(options.headers())
        .putAllHeaders(added).build();
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }

  /** One asynchronous call: attempts chained by scheduled retries, raced against a deadline. */
  private final class AsyncCall {
    final CompletableFuture<ExecutionResponse> result = new CompletableFuture<>();
    private final long callId = CALL_IDS.incrementAndGet();
    private final Operation operation;
    private final String id;
    private final CallOptions options;
    private final Function<CallOptions, CompletableFuture<TransportResponse>> attempt;
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
        Function<CallOptions, CompletableFuture<TransportResponse>> attempt) {
      this.operation = operation;
      this.id = id;
      this.options = options;
      this.attempt = attempt;
      this.deadline = deadline(options);
    }

    void start() {
      listener.callStarted(new CallStarted(callId, operation, id));
      result.whenComplete((execution, failure) -> {
        // Whatever ended the call (success, failure, deadline, the caller's cancel), stop the rest.
        cancel(inFlight, true);
        cancel(pendingRetry, false);
        cancel(deadlineTimer, false);
        if (result.isCancelled() && finished.compareAndSet(false, true)) {
          listener.callFinished(new CallFinished(callId, operation, id, attempts.get(),
              since(start), null, new CancellationException("cancelled by the caller")));
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
      AttemptStarted started = new AttemptStarted(callId, operation, id, n, baseUrl);
      listener.attemptStarted(started);
      Instant attemptStart = clock.instant();
      CompletableFuture<TransportResponse> sent;
      try {
        sent = attempt.apply(attemptOptions(options, remaining, started));
        if (sent == null) {
          throw new IllegalStateException("the transport returned null instead of a future");
        }
      } catch (RuntimeException failure) {
        sent = CompletableFuture.failedFuture(failure);
      }
      inFlight = sent;
      if (result.isDone()) {
        sent.cancel(true); // cancelled while the attempt was being sent
      }
      sent.whenComplete((response, error) -> attemptDone(n, attemptStart, response, error));
    }

    private void attemptDone(int n, Instant attemptStart, TransportResponse response,
        Throwable error) {
      Throwable failure = error == null && response == null
          ? new IllegalStateException("the transport completed with null instead of a TransportResponse")
          : unwrap(error);
      FlowApiException apiFailure = failure instanceof FlowApiException ? (FlowApiException) failure : null;
      RuntimeException reported = failure == null ? null
          : failure instanceof RuntimeException ? (RuntimeException) failure
          : new CompletionException(failure);
      listener.attemptFinished(new AttemptFinished(callId, operation, id, n, since(attemptStart),
          failure == null ? response : null, reported));
      if (result.isDone()) {
        return;
      }
      if (failure == null) {
        if (finished.compareAndSet(false, true)) {
          result.complete(succeed(callId, operation, id, n, start, response));
        }
        return;
      }
      if (apiFailure == null) {
        fail(reported);
        return;
      }
      last = apiFailure;
      Duration delay = retryDelay(n, apiFailure, deadline);
      if (delay == null) {
        fail(giveUp(operation, id, start, apiFailure, deadline));
        return;
      }
      listener.retryScheduled(new RetryScheduled(callId, operation, id, n, delay, apiFailure));
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
        listener.callFinished(new CallFinished(callId, operation, id, attempts.get(),
            since(start), null, failure));
        // Stop the attempt in flight before the caller hears of the failure, not after.
        cancel(inFlight, true);
        cancel(pendingRetry, false);
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
