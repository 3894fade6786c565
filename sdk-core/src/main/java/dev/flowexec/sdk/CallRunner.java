package dev.flowexec.sdk;

import dev.flowexec.sdk.ExecutionListener.AttemptFinished;
import dev.flowexec.sdk.ExecutionListener.AttemptStarted;
import dev.flowexec.sdk.ExecutionListener.CallFinished;
import dev.flowexec.sdk.ExecutionListener.CallStarted;
import dev.flowexec.sdk.ExecutionListener.RequestResent;
import dev.flowexec.sdk.ExecutionListener.RetryScheduled;
import dev.flowexec.sdk.ExecutionListener.TokenFetched;
import dev.flowexec.sdk.errors.ClientClosedException;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.ResendListener;
import dev.flowexec.sdk.transport.TokenFetchListener;
import dev.flowexec.sdk.transport.TransportResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one call of the client as a series of attempts: retries by the {@link RetryPolicy}, a
 * deadline over everything, listener events, and the exception the call ends with, which carries
 * the earlier attempts and says whether any of them may have started an execution.
 *
 * <p>The rules live once, in {@link Attempts}; two small drivers move a call through them. The
 * synchronous one sleeps on the caller's thread; the asynchronous one never blocks a thread,
 * scheduling retries and the deadline on the scheduler. {@link #close()} ends every asynchronous
 * call still open.
 */
final class CallRunner {
  private static final AtomicLong CALL_IDS = new AtomicLong();

  private final RetryPolicy policy;
  private final ExecutionListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultTimeout;
  private final DoubleSupplier random;
  private final URI baseUrl;

  /** Open asynchronous calls and polls, each with what ends it when the runner closes. */
  private final Map<OpenCall, CompletableFuture<?>> open = new ConcurrentHashMap<>();

  private volatile boolean closed;

  /**
   * Creates a runner; {@code listener} must not throw (wrap it in {@link SafeListener}); {@code
   * baseUrl} is the transport's, without user info, or null.
   */
  public CallRunner(
      RetryPolicy policy,
      ExecutionListener listener,
      Clock clock,
      Sleeper sleeper,
      ScheduledExecutorService scheduler,
      Duration defaultTimeout,
      DoubleSupplier random,
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

  /** Returns the instant a call with these options, started at {@code now}, must end by. */
  private Instant deadline(CallOptions options, Instant now) {
    Duration timeout = options.timeout().orElse(null);
    Instant byTimeout = timeout == null ? null : now.plus(timeout);
    Instant byDeadline = options.deadline().orElse(null);
    if (byTimeout == null && byDeadline == null) {
      return now.plus(defaultTimeout);
    }
    if (byTimeout == null || (byDeadline != null && byDeadline.isBefore(byTimeout))) {
      return byDeadline;
    }
    return byTimeout;
  }

  /** Runs a call on the caller's thread; {@code flowId} is a launch's, null for a read. */
  public ExecutionResponse call(
      Operation operation,
      String id,
      String flowId,
      CallOptions options,
      Function<CallOptions, TransportResponse> attempt) {
    Attempts call = new Attempts(operation, id, flowId, options);
    while (true) {
      CallOptions attemptOptions;
      try {
        attemptOptions = call.begin();
      } catch (RuntimeException unexpected) {
        throw call.unexpected(unexpected); // such as a listener that broke the attempt's options
      }
      if (attemptOptions == null) {
        throw call.end();
      }
      TransportResponse response;
      try {
        response = checked(attempt.apply(attemptOptions));
      } catch (FlowApiException failure) {
        Duration delay = call.failed(failure);
        if (delay == null) {
          throw call.end();
        }
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw call.end();
        }
        continue;
      } catch (RuntimeException unexpected) {
        throw call.unexpected(unexpected);
      }
      return call.succeeded(response);
    }
  }

  /** Runs a call without blocking any thread; {@code flowId} is a launch's, null for a read. */
  public CompletableFuture<ExecutionResponse> callAsync(
      Operation operation,
      String id,
      String flowId,
      CallOptions options,
      Function<CallOptions, CompletableFuture<TransportResponse>> attempt) {
    AsyncCall call = new AsyncCall(new Attempts(operation, id, flowId, options), attempt);
    call.start();
    return call.result;
  }

  /**
   * Ends {@code future} with {@code onClose}'s exception if the runner closes before it completes,
   * such as a poll waiting between reads. When already closed, ends it at once.
   */
  public void endOnClose(CompletableFuture<?> future, Supplier<RuntimeException> onClose) {
    Runnable end = () -> future.completeExceptionally(onClose.get());
    track(
        future,
        new OpenCall() {
          @Override
          public void closing() {
            end.run();
          }

          @Override
          public void abandon() {
            end.run();
          }
        });
  }

  /** Tells whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Starts closing: no attempt, retry or poll starts from now on, and every open call that is not
   * waiting on the transport ends at once with a {@link ClientClosedException}. Calls with an
   * attempt in flight end when it does, which the transport's {@code close()} should make prompt;
   * {@link #abandonOpenCalls(Duration)} ends the rest.
   */
  public void close() {
    closed = true;
    open.keySet().forEach(OpenCall::closing);
  }

  /**
   * Waits up to {@code grace} for the calls still open after {@link #close()} (their attempts in
   * flight, ended by the transport's close, tell whether they were sent), then ends the rest,
   * cancelling their attempts: those may have been sent.
   */
  public void abandonOpenCalls(Duration grace) {
    long until = System.nanoTime() + grace.toNanos();
    for (CompletableFuture<?> future : open.values()) {
      try {
        future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException late) {
        break;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | CancellationException ended) {
        // ended: what we waited for
      }
    }
    open.keySet().forEach(OpenCall::abandon);
  }

  /** Registers an open call until its future completes; returns false when already closed. */
  private boolean track(CompletableFuture<?> future, OpenCall call) {
    open.put(call, future);
    future.whenComplete((value, failure) -> open.remove(call));
    if (closed) {
      call.closing(); // close() may have run before the put
      return false;
    }
    return true;
  }

  /**
   * The attempt's options: the time left, the caller's headers and those listeners added, and where
   * its token fetches and a re-send after a refused token are told; a re-send after a lost reused
   * connection goes on a fresh one.
   */
  private CallOptions attemptOptions(
      CallOptions options,
      Duration remaining,
      AttemptStarted started,
      Instant attemptStart,
      boolean freshConnection) {
    CallOptions.Builder attempt =
        CallOptions.builder()
            .timeout(remaining)
            .putAllHeaders(options.headers())
            .freshConnection(freshConnection);
    if (started == null) { // a quiet call: no listener to tell, only the caller's own
      return attempt
          .tokenFetchListener(options.tokenFetchListener())
          .resendListener(options.resendListener())
          .build();
    }
    AttemptReports reports = new AttemptReports(started, attemptStart, options);
    return attempt
        .putAllHeaders(started.addedHeaders())
        .tokenFetchListener(reports)
        .resendListener(reports)
        .build();
  }

  /**
   * Tells the listeners (and the caller's own listeners on the call's options, if any) of an
   * attempt's token fetches and of its re-send after a refused token. One object for both, made for
   * every attempt.
   */
  private final class AttemptReports implements TokenFetchListener, ResendListener {
    private final AttemptStarted attempt;
    private final Instant start;
    private final TokenFetchListener callerFetches;
    private final ResendListener callerResends;

    AttemptReports(AttemptStarted attempt, Instant start, CallOptions callOptions) {
      this.attempt = attempt;
      this.start = start;
      this.callerFetches = callOptions.tokenFetchListener();
      this.callerResends = callOptions.resendListener();
    }

    @Override
    public void tokenFetched(
        URI tokenUrl, Duration elapsed, boolean forcedRefresh, RuntimeException failure) {
      listener.tokenFetched(
          new TokenFetched(
              attempt.callId(),
              attempt.operation(),
              attempt.flowExecutionId(),
              attempt.attempt(),
              tokenUrl,
              elapsed,
              forcedRefresh,
              failure));
      if (callerFetches != TokenFetchListener.none()) {
        callerFetches.tokenFetched(tokenUrl, elapsed, forcedRefresh, failure);
      }
    }

    @Override
    public Map<String, String> requestResent(
        Map<String, String> headers, FlowApiException refusal) {
      Map<String, String> sent = callerResends.requestResent(headers, refusal);
      RequestResent event =
          new RequestResent(
              attempt.callId(),
              attempt.operation(),
              attempt.flowExecutionId(),
              attempt.attempt(),
              since(start),
              refusal);
      listener.requestResent(event);
      return event.headersOver(sent);
    }
  }

  private static TransportResponse checked(TransportResponse response) {
    if (response == null) {
      throw new IllegalStateException("the transport returned null instead of a TransportResponse");
    }
    return response;
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }

  /**
   * The attempts of one call, whichever driver runs it: counts and reports them, decides the
   * retries, and makes the exception the call ends with. Thread-safe: in an asynchronous call an
   * attempt's end races the deadline, a cancel and {@code close()}.
   */
  private final class Attempts {
    final long callId = CALL_IDS.incrementAndGet();
    final Operation operation;
    final String id;
    final CallOptions options;
    final Instant start = clock.instant();
    final Instant deadline;
    private int count;

    /**
     * Attempts that re-sent a request whose reused connection was lost before any response byte:
     * listeners see them, the retry policy does not count them.
     */
    private int resends;

    /** The next attempt is such a re-send, on a fresh connection. */
    private boolean resendOnFreshConnection;

    private Instant attemptStart;

    /** An attempt was handed to the transport and has not ended: it may have been sent. */
    private boolean inFlight;

    /** The failed attempts, oldest first; made on the first failure. */
    private List<FlowApiException> failures;

    /** callFinished was reported: the call has its outcome. */
    private boolean ended;

    /**
     * No event of this call would reach anyone (see {@link SafeListener#isQuiet()}), so none is
     * made: a plain client with logging off allocates no event objects. Decided once per call.
     */
    private final boolean quiet;

    Attempts(Operation operation, String id, String flowId, CallOptions options) {
      this.operation = operation;
      this.id = id;
      this.options = options;
      this.deadline = deadline(options, start);
      this.quiet = listener instanceof SafeListener && ((SafeListener) listener).isQuiet();
      if (!quiet) {
        listener.callStarted(new CallStarted(callId, operation, id, flowId));
      }
    }

    /** Starts the next attempt and returns its options, or null when the call must end. */
    synchronized CallOptions begin() {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (ended || closed || remaining.isNegative() || remaining.isZero()) {
        return null;
      }
      count++;
      inFlight = true;
      AttemptStarted started = null;
      if (!quiet) {
        started = new AttemptStarted(callId, operation, id, count, baseUrl);
        listener.attemptStarted(started);
      }
      attemptStart = clock.instant();
      return attemptOptions(options, remaining, started, attemptStart, resendOnFreshConnection);
    }

    /**
     * Reports a successful attempt; returns the call's response when it ends the call, null when
     * the call had ended before.
     */
    synchronized ExecutionResponse succeeded(TransportResponse response) {
      inFlight = false;
      Instant now = clock.instant(); // the call ends with its attempt: one reading for both
      if (!quiet) {
        listener.attemptFinished(
            new AttemptFinished(
                callId, operation, id, count, Duration.between(attemptStart, now), response, null));
      }
      if (ended) {
        return null;
      }
      ended = true;
      Duration elapsed = Duration.between(start, now);
      ExecutionResponse result =
          ExecutionResponse.of(
              response.execution(),
              ResponseMetadata.of(response.statusCode(), response.headers(), count, elapsed));
      if (!quiet) {
        listener.callFinished(
            new CallFinished(callId, operation, id, count, elapsed, result, null));
      }
      return result;
    }

    /**
     * Records a failed attempt; returns the delay before the next, or null when the call must end.
     */
    synchronized Duration failed(FlowApiException failure) {
      inFlight = false;
      if (!quiet) {
        listener.attemptFinished(
            new AttemptFinished(callId, operation, id, count, since(attemptStart), null, failure));
      }
      if (failures == null) {
        failures = new ArrayList<>(Math.min(policy.maxAttempts(), 8));
      }
      failures.add(failure);
      // A reused connection lost before any response byte says nothing about the service: send
      // again at once on a fresh connection, which cannot be lost that way, and leave the policy's
      // count alone. Listeners see both attempts, since both went on the wire. Once per attempt
      // the policy counts: a transport that ignored freshConnection gets no second free one.
      boolean resend =
          !resendOnFreshConnection
              && failure instanceof TransportException
              && ((TransportException) failure).reusedConnectionLost();
      resendOnFreshConnection = false;
      int counted = count - resends;
      if (ended
          || closed
          || (!resend && (counted >= policy.maxAttempts() || !policy.isRetryable(failure)))) {
        return null;
      }
      Duration delay =
          resend ? Duration.ZERO : policy.delayBeforeRetry(counted, failure, random.getAsDouble());
      if (!clock.instant().plus(delay).isBefore(deadline)) {
        return null;
      }
      if (resend) {
        resends++;
        resendOnFreshConnection = true;
      }
      if (!quiet) {
        listener.retryScheduled(new RetryScheduled(callId, operation, id, count, delay, failure));
      }
      return delay;
    }

    /** Ends the call with a failure that is no {@link FlowApiException}, such as a bug. */
    synchronized RuntimeException unexpected(Throwable failure) {
      inFlight = false;
      RuntimeException thrown =
          failure instanceof RuntimeException
              ? (RuntimeException) failure
              : new CompletionException(failure);
      if (!quiet) {
        listener.attemptFinished(
            new AttemptFinished(callId, operation, id, count, since(attemptStart), null, thrown));
      }
      attachEarlier(thrown, failures == null ? 0 : failures.size());
      return finish(thrown);
    }

    /**
     * Ends the call after its last attempt, or when no other can start: the last failure with the
     * earlier ones attached, or the deadline, or the close that stopped it. Null if it had ended.
     */
    synchronized RuntimeException end() {
      FlowApiException last = last();
      if (closed) {
        return finish(closedException());
      }
      if (last == null || !clock.instant().isBefore(deadline)) {
        return finish(deadlineExceeded());
      }
      attachEarlier(last, failures.size() - 1);
      return finish(last);
    }

    /** Ends the call at its deadline, even with an attempt in flight. Null if it had ended. */
    synchronized RuntimeException expire() {
      return finish(closed ? closedException() : deadlineExceeded());
    }

    /** Ends the call because the runner closed. Null if it had ended. */
    synchronized RuntimeException close() {
      return finish(closedException());
    }

    /** Ends the call with {@code failure}. Null if it had ended. */
    synchronized RuntimeException endWith(RuntimeException failure) {
      return finish(failure);
    }

    /** Reports that the caller cancelled the call, unless it had ended. */
    synchronized void cancelled() {
      finish(new CancellationException("cancelled by the caller"));
    }

    synchronized boolean hasAttemptInFlight() {
      return inFlight;
    }

    private FlowApiException last() {
      return failures == null ? null : failures.get(failures.size() - 1);
    }

    /** Whether any attempt may have reached the service: one in flight, or any that failed so. */
    private boolean mayHaveStarted() {
      if (inFlight) {
        return true;
      }
      if (failures != null) {
        for (FlowApiException failure : failures) {
          if (failure.executionMayHaveStarted()) {
            return true;
          }
        }
      }
      return false;
    }

    private DeadlineExceededException deadlineExceeded() {
      FlowApiException last = last();
      boolean mayHaveStarted = mayHaveStarted();
      String message =
          operation.description()
              + " "
              + id
              + " did not finish within its deadline ("
              + since(start).toMillis()
              + " ms, "
              + attemptsPhrase()
              + ")"
              + (last == null ? "" : "; the last attempt failed with " + last.errorCode())
              + (operation != Operation.LAUNCH
                  ? ". Raise the timeout in CallOptions or on the client"
                  : mayHaveStarted
                      ? ". The execution may have started: look it up by its flow_execution_id, or launch"
                          + " the same request again, which is safe"
                      : ". No execution was started: every attempt was refused or never sent");
      DeadlineExceededException exception =
          mayHaveStarted
              ? DeadlineExceededException.maybeStarted(message, last)
              : DeadlineExceededException.notStarted(message, last);
      attachEarlier(exception, failures == null ? 0 : failures.size() - 1);
      return exception;
    }

    private ClientClosedException closedException() {
      FlowApiException last = last();
      boolean mayHaveStarted = mayHaveStarted();
      String message =
          operation.description()
              + " "
              + id
              + " was stopped because the client was"
              + " closed (FlowExecutionsClient.close()) "
              + (inFlight
                  ? "while attempt " + count + " was in flight"
                  : last != null
                      ? "after " + attemptsPhrase() + ", the last failed with " + last.errorCode()
                      : "before any attempt")
              + (operation != Operation.LAUNCH
                  ? ": use a client that is open"
                  : mayHaveStarted
                      ? ". The execution may have started: look it up by its flow_execution_id, or launch"
                          + " the same request again with an open client, which is safe"
                      : ". No execution was started: launch it again with an open client");
      ClientClosedException exception =
          mayHaveStarted
              ? ClientClosedException.maybeStarted(message, last)
              : ClientClosedException.notStarted(message, last);
      attachEarlier(exception, failures == null ? 0 : failures.size() - 1);
      return exception;
    }

    private String attemptsPhrase() {
      return count == 1 ? "1 attempt" : count + " attempts";
    }

    /** Attaches the first {@code n} failures to {@code target} as suppressed, each once. */
    private void attachEarlier(Throwable target, int n) {
      if (n <= 0) {
        return;
      }
      List<Throwable> present = List.of(target.getSuppressed());
      for (int i = 0; i < n; i++) {
        FlowApiException earlier = failures.get(i);
        if (earlier != target && !present.contains(earlier)) {
          target.addSuppressed(earlier);
        }
      }
    }

    private RuntimeException finish(RuntimeException failure) {
      if (ended) {
        return null;
      }
      ended = true;
      if (!quiet) {
        listener.callFinished(
            new CallFinished(callId, operation, id, count, since(start), null, failure));
      }
      return failure;
    }
  }

  /** What ends an open call when the runner closes. */
  private interface OpenCall {
    /** The runner is closing: end now, unless an attempt in flight will end soon by itself. */
    void closing();

    /** The grace is over: end now. */
    void abandon();
  }

  /** One asynchronous call: attempts chained by scheduled retries, raced against a deadline. */
  private final class AsyncCall implements OpenCall {
    final CompletableFuture<ExecutionResponse> result = new CompletableFuture<>();
    private final Attempts call;
    private final Function<CallOptions, CompletableFuture<TransportResponse>> attempt;
    private volatile Future<?> inFlight;
    private volatile Future<?> pendingRetry;
    private volatile Future<?> deadlineTimer;

    AsyncCall(Attempts call, Function<CallOptions, CompletableFuture<TransportResponse>> attempt) {
      this.call = call;
      this.attempt = attempt;
    }

    void start() {
      result.whenComplete(
          (execution, failure) -> {
            // Whatever ended the call (success, failure, deadline, close, the caller's cancel),
            // stop
            // the rest.
            cancel(inFlight, true);
            cancel(pendingRetry, false);
            cancel(deadlineTimer, false);
            if (result.isCancelled()) {
              call.cancelled();
            }
          });
      if (!track(result, this)) {
        return;
      }
      try {
        long millis = Math.max(0, Duration.between(clock.instant(), call.deadline).toMillis());
        deadlineTimer = scheduler.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        fail(closed ? call.close() : call.endWith(schedulerStopped(stopped)));
        return;
      }
      next();
    }

    private void next() {
      if (result.isDone()) {
        return;
      }
      CallOptions attemptOptions;
      try {
        attemptOptions = call.begin();
      } catch (RuntimeException unexpected) {
        fail(call.unexpected(unexpected));
        return;
      }
      if (attemptOptions == null) {
        fail(call.end());
        return;
      }
      CompletableFuture<TransportResponse> sent;
      try {
        sent = attempt.apply(attemptOptions);
        if (sent == null) {
          throw new IllegalStateException("the transport returned null instead of a future");
        }
      } catch (RuntimeException failure) {
        sent = CompletableFuture.failedFuture(failure);
      }
      inFlight = sent;
      if (result.isDone()) {
        sent.cancel(true); // ended while the attempt was being sent
      }
      sent.whenComplete(this::attemptDone);
    }

    private void attemptDone(TransportResponse response, Throwable error) {
      if (error == null && response != null) {
        ExecutionResponse ended = call.succeeded(response);
        if (ended != null) {
          result.complete(ended);
        }
        return;
      }
      Throwable failure =
          error == null
              ? new IllegalStateException(
                  "the transport completed with null instead of a TransportResponse")
              : unwrap(error);
      if (!(failure instanceof FlowApiException)) {
        if (failure instanceof CancellationException && result.isDone()) {
          call.unexpected(failure); // the attempt we cancelled: the call has its outcome
          return;
        }
        fail(call.unexpected(failure));
        return;
      }
      Duration delay = call.failed((FlowApiException) failure);
      if (delay == null) {
        fail(call.end());
        return;
      }
      try {
        pendingRetry = scheduler.schedule(this::next, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopped) {
        fail(closed ? call.close() : call.end());
      }
    }

    @Override
    public void closing() {
      // An attempt in flight ends as the transport closes, and says whether it was sent.
      if (!call.hasAttemptInFlight()) {
        fail(call.close());
      }
    }

    @Override
    public void abandon() {
      fail(call.close());
    }

    private void expire() {
      fail(call.expire());
    }

    private void fail(RuntimeException failure) {
      if (failure != null) {
        // Stop the attempt in flight and any retry before the caller hears of the failure.
        cancel(inFlight, true);
        cancel(pendingRetry, false);
        result.completeExceptionally(failure);
      }
    }
  }

  private static IllegalStateException schedulerStopped(RejectedExecutionException cause) {
    return new IllegalStateException(
        "the client's scheduler refused the call's deadline timer:"
            + " it was shut down while the client is open. Keep it running until the client is closed",
        cause);
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
