package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.ClientClosedException;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.internal.IdRules;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.Operation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Launches flow executions and reads them back. The entry point of the SDK.
 *
 * <p>Over any {@link FlowTransport}, the client adds what every transport needs: retries by a
 * {@link RetryPolicy} with a stable idempotency key (a retried launch never starts a second
 * execution), a deadline over each whole call (retries and token fetch included), and {@link
 * ExecutionListener} events. Requests were validated when they were built.
 *
 * <p>Thread-safe: an application makes one client and shares it. {@link #close()} releases it and
 * its transport.
 *
 * <p>Over the OkHttp transport (sdk-retrofit), one chain makes both:
 *
 * <pre>{@code
 * FlowExecutionsClient client = RetrofitTransport.builder()
 *     .baseUrl(url)
 *     .credentials(id, secret)
 *     .client()          // this Builder, with the transport set
 *     .build();
 * FlowExecution execution = client.launch(request);
 * }</pre>
 *
 * <p>Over any other transport: {@code FlowExecutionsClient.builder().transport(transport).build()}.
 */
public final class FlowExecutionsClient implements AutoCloseable {
  private static final Duration FIRST_POLL = Duration.ofMillis(250);
  private static final Duration MAX_POLL = Duration.ofSeconds(5);

  /** How long close() waits for attempts in flight to end once the transport is closed. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

  private final FlowTransport transport;
  private final CallRunner runner;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final RetryPolicy retryPolicy;
  private final Duration timeout;
  private final WithResponse withResponse = new WithResponse();

  private FlowExecutionsClient(Builder builder) {
    this.transport = builder.transport;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.ownsScheduler = builder.scheduler == null;
    this.scheduler = ownsScheduler ? defaultScheduler() : builder.scheduler;
    this.retryPolicy = builder.retryPolicy;
    this.timeout = builder.timeout;
    this.runner =
        new CallRunner(
            builder.retryPolicy,
            new SafeListener(withLogging(builder.listeners)),
            clock,
            sleeper,
            scheduler,
            builder.timeout,
            () -> ThreadLocalRandom.current().nextDouble(),
            withoutUserInfo(transport.baseUrl()));
  }

  /**
   * Starts a builder. Only {@link Builder#transport(FlowTransport)} is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a view of this client whose methods return the execution together with the {@link
   * ResponseMetadata} of the call: status code, whether a launch was replayed, the request id, the
   * attempts made, the elapsed time and the response headers. The view shares this client; it is
   * cheap and thread-safe.
   *
   * <pre>{@code
   * ExecutionResponse launched = client.withResponse().launch(request);
   * if (launched.metadata().replayed()) {
   *   log.info("already launched (request {})", launched.metadata().requestId().orElse("-"));
   * }
   * }</pre>
   *
   * @return the view
   */
  public WithResponse withResponse() {
    return withResponse;
  }

  /**
   * Launches an execution with the client's default timeout.
   *
   * @param request the request; retries send its {@code flow_execution_id} every time
   * @return the execution: new, or the one an earlier attempt with the same id started
   * @throws dev.flowexec.sdk.errors.FlowApiException a typed subclass on failure
   */
  public FlowExecution launch(LaunchRequest request) {
    return launch(request, CallOptions.defaults());
  }

  /**
   * Launches an execution.
   *
   * @param request the request; retries send its {@code flow_execution_id} every time
   * @param options the call's timeout or deadline and extra headers
   * @return the execution: new, or the one an earlier attempt with the same id started
   * @throws dev.flowexec.sdk.errors.FlowApiException a typed subclass on failure
   */
  public FlowExecution launch(LaunchRequest request, CallOptions options) {
    return withResponse.launch(request, options).execution();
  }

  /**
   * Launches an execution without blocking, with the client's default timeout.
   *
   * @param request the request
   * @return a future of the execution; cancelling it cancels the HTTP call and any retry
   */
  public CompletableFuture<FlowExecution> launchAsync(LaunchRequest request) {
    return launchAsync(request, CallOptions.defaults());
  }

  /**
   * Launches an execution without blocking. Retries wait on the client's scheduler, never on the
   * caller's thread or the common pool.
   *
   * @param request the request
   * @param options the call's timeout or deadline and extra headers
   * @return a future of the execution, failed with a typed {@link
   *     dev.flowexec.sdk.errors.FlowApiException}; cancelling it cancels the HTTP call and any
   *     retry
   */
  public CompletableFuture<FlowExecution> launchAsync(LaunchRequest request, CallOptions options) {
    return executionOf(withResponse.launchAsync(request, options));
  }

  /**
   * Reads an execution with the client's default timeout.
   *
   * @param flowExecutionId the execution's id
   * @return the execution
   * @throws dev.flowexec.sdk.errors.ExecutionNotFoundException if there is none with that id
   */
  public FlowExecution get(String flowExecutionId) {
    return get(flowExecutionId, CallOptions.defaults());
  }

  /**
   * Reads an execution.
   *
   * @param flowExecutionId the execution's id
   * @param options the call's timeout or deadline and extra headers
   * @return the execution
   * @throws dev.flowexec.sdk.errors.ExecutionNotFoundException if there is none with that id
   */
  public FlowExecution get(String flowExecutionId, CallOptions options) {
    return withResponse.get(flowExecutionId, options).execution();
  }

  /**
   * Reads an execution without blocking, with the client's default timeout.
   *
   * @param flowExecutionId the execution's id
   * @return a future of the execution
   */
  public CompletableFuture<FlowExecution> getAsync(String flowExecutionId) {
    return getAsync(flowExecutionId, CallOptions.defaults());
  }

  /**
   * Reads an execution without blocking.
   *
   * @param flowExecutionId the execution's id
   * @param options the call's timeout or deadline and extra headers
   * @return a future of the execution; cancelling it cancels the HTTP call and any retry
   */
  public CompletableFuture<FlowExecution> getAsync(String flowExecutionId, CallOptions options) {
    return executionOf(withResponse.getAsync(flowExecutionId, options));
  }

  /**
   * Polls an execution, with growing delays (250 ms up to 5 s), until its status is final.
   *
   * @param flowExecutionId the execution's id
   * @param timeout how long to wait in all
   * @return the execution in its final status
   * @throws DeadlineExceededException if it is not final within {@code timeout}
   */
  public FlowExecution awaitCompletion(String flowExecutionId, Duration timeout) {
    return withResponse.awaitCompletion(flowExecutionId, timeout).execution();
  }

  /**
   * Polls an execution without blocking until its status is final.
   *
   * @param flowExecutionId the execution's id
   * @param timeout how long to wait in all
   * @return a future of the final execution, failed with {@link DeadlineExceededException} when it
   *     is not final in time; cancelling it stops the polling
   */
  public CompletableFuture<FlowExecution> awaitCompletionAsync(
      String flowExecutionId, Duration timeout) {
    return executionOf(withResponse.awaitCompletionAsync(flowExecutionId, timeout));
  }

  /** The execution of a future response; cancelling the result cancels the call. */
  private static CompletableFuture<FlowExecution> executionOf(
      CompletableFuture<ExecutionResponse> response) {
    CompletableFuture<FlowExecution> execution = new CompletableFuture<>();
    response.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            execution.completeExceptionally(failure);
          } else {
            execution.complete(value.execution());
          }
        });
    execution.whenComplete(
        (value, failure) -> {
          if (execution.isCancelled()) {
            response.cancel(true);
          }
        });
    return execution;
  }

  private ExecutionResponse awaitFinal(String flowExecutionId, Duration timeout) {
    checkId(flowExecutionId);
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    Duration delay = FIRST_POLL;
    int attempts = 0;
    while (true) {
      ExecutionResponse read =
          withResponse.get(flowExecutionId, CallOptions.builder().deadline(deadline).build());
      attempts += read.metadata().attempts();
      FlowExecution execution = read.execution();
      if (execution.isFinal()) {
        return polled(read, attempts, start);
      }
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        throw notFinal(execution, timeout);
      }
      if (delay.compareTo(remaining) >= 0) {
        // Sleeping out the rest and reading once more would read after the deadline: stop here.
        throw notFinal(execution, timeout);
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw DeadlineExceededException.maybeStarted(
            "interrupted while waiting for execution "
                + flowExecutionId
                + " (last seen "
                + execution.status()
                + ")",
            null);
      }
      delay = nextPoll(delay);
    }
  }

  private CompletableFuture<ExecutionResponse> awaitFinalAsync(
      String flowExecutionId, Duration timeout) {
    checkId(flowExecutionId);
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    CompletableFuture<ExecutionResponse> result = new CompletableFuture<>();
    runner.endOnClose(
        result,
        () ->
            ClientClosedException.notStarted(
                "waiting for execution "
                    + flowExecutionId
                    + " to finish was stopped because the client was closed"
                    + " (FlowExecutionsClient.close()): wait with a client that is open",
                null));
    poll(flowExecutionId, timeout, start, deadline, FIRST_POLL, 0, result);
    return result;
  }

  /** The last read, with the attempts and time of the whole wait. */
  private ExecutionResponse polled(ExecutionResponse last, int attempts, Instant start) {
    ResponseMetadata meta = last.metadata();
    return ExecutionResponse.of(
        last.execution(),
        ResponseMetadata.of(
            meta.statusCode(), meta.headers(), attempts, Duration.between(start, clock.instant())));
  }

  private void poll(
      String id,
      Duration timeout,
      Instant start,
      Instant deadline,
      Duration delay,
      int attemptsBefore,
      CompletableFuture<ExecutionResponse> result) {
    if (result.isDone()) {
      return;
    }
    CompletableFuture<ExecutionResponse> read =
        withResponse.getAsync(id, CallOptions.builder().deadline(deadline).build());
    result.whenComplete((v, e) -> read.cancel(true));
    read.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            result.completeExceptionally(
                failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null
                    ? failure.getCause()
                    : failure);
            return;
          }
          int attempts = attemptsBefore + response.metadata().attempts();
          FlowExecution execution = response.execution();
          if (execution.isFinal()) {
            result.complete(polled(response, attempts, start));
          } else {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
              result.completeExceptionally(notFinal(execution, timeout));
              return;
            }
            if (delay.compareTo(remaining) >= 0) {
              result.completeExceptionally(notFinal(execution, timeout));
              return;
            }
            long wait = delay.toNanos();
            try {
              Future<?> next =
                  scheduler.schedule(
                      () -> poll(id, timeout, start, deadline, nextPoll(delay), attempts, result),
                      wait,
                      TimeUnit.NANOSECONDS);
              result.whenComplete((v, e) -> next.cancel(false));
            } catch (RejectedExecutionException stopped) {
              result.completeExceptionally(
                  runner.isClosed()
                      ? ClientClosedException.notStarted(
                          "waiting for execution "
                              + id
                              + " to finish was stopped"
                              + " because the client was closed (FlowExecutionsClient.close())",
                          null)
                      : new IllegalStateException(
                          "the client's scheduler refused the next poll: it was"
                              + " shut down while the client is open",
                          stopped));
            }
          }
        });
  }

  private static DeadlineExceededException notFinal(FlowExecution execution, Duration timeout) {
    return DeadlineExceededException.maybeStarted(
        "execution "
            + execution.flowExecutionId()
            + " is still "
            + execution.status()
            + " after "
            + timeout.toMillis()
            + " ms: wait longer, or look again later with get(id)",
        null);
  }

  private static Duration nextPoll(Duration delay) {
    Duration next = Duration.ofNanos((long) (delay.toNanos() * 1.5));
    return next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next;
  }

  private static void checkId(String flowExecutionId) {
    Objects.requireNonNull(flowExecutionId, "flowExecutionId");
    IdRules.Broken broken = IdRules.executionId(flowExecutionId, "flow_execution_id");
    if (broken != null) {
      throw new RequestValidationException(
          List.of(FieldError.of("flow_execution_id", broken.code(), broken.message())));
    }
  }

  /**
   * Closes the client, its transport and its scheduler; idempotent. Every asynchronous call and
   * poll still open ends promptly with a {@link ClientClosedException}: at once when it is waiting
   * (to retry, for its next poll), or when its attempt in flight ends as the transport closes,
   * waiting at most one second for that. Its {@link
   * ClientClosedException#executionMayHaveStarted()} is true only when a request of the call may
   * have been sent. A synchronous call in flight ends when its attempt does, without retrying.
   * Calls made after {@code close()} fail with a {@link ClientClosedException} without sending
   * anything.
   */
  @Override
  public void close() {
    runner.close();
    try {
      transport.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the transport failed: " + e.getMessage(), e);
    } finally {
      runner.abandonOpenCalls(CLOSE_GRACE);
      if (ownsScheduler) {
        scheduler.shutdownNow();
      }
    }
  }

  /** Shows the configuration; there is no secret here to hide. */
  @Override
  public String toString() {
    return "FlowExecutionsClient{transport="
        + transport
        + ", retryPolicy="
        + retryPolicy
        + ", timeout="
        + timeout
        + "}";
  }

  /** The wire log first, then the caller's listeners in order. */
  private static List<ExecutionListener> withLogging(List<ExecutionListener> listeners) {
    List<ExecutionListener> all = new ArrayList<>(listeners.size() + 1);
    all.add(new LoggingListener());
    all.addAll(listeners);
    return all;
  }

  /** The transport's base URL for logs, metrics and traces: no user info, query or fragment. */
  private static URI withoutUserInfo(Optional<URI> baseUrl) {
    if (baseUrl == null || baseUrl.isEmpty()) {
      return null;
    }
    URI url = baseUrl.get();
    try {
      return new URI(
          url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
    } catch (URISyntaxException | RuntimeException unusable) {
      return null; // leave the URL out rather than risk showing credentials
    }
  }

  private static ScheduledExecutorService defaultScheduler() {
    AtomicInteger count = new AtomicInteger();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "flowexec-scheduler-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true); // cancelled deadlines must not pile up
    return executor;
  }

  /**
   * The client's methods, returning each execution with the {@link ResponseMetadata} of its call.
   * Get it from {@link FlowExecutionsClient#withResponse()}; it behaves exactly like the client
   * (retries, deadlines, listeners). Thread-safe.
   */
  public final class WithResponse {
    private WithResponse() {}

    /**
     * Launches an execution with the client's default timeout.
     *
     * @param request the request
     * @return the execution and how the call went: {@code 201} new or {@code 200} replayed
     * @throws dev.flowexec.sdk.errors.FlowApiException a typed subclass on failure
     */
    public ExecutionResponse launch(LaunchRequest request) {
      return launch(request, CallOptions.defaults());
    }

    /**
     * Launches an execution.
     *
     * @param request the request
     * @param options the call's timeout or deadline and extra headers
     * @return the execution and how the call went: {@code 201} new or {@code 200} replayed
     * @throws dev.flowexec.sdk.errors.FlowApiException a typed subclass on failure
     */
    public ExecutionResponse launch(LaunchRequest request, CallOptions options) {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(options, "options");
      return runner.call(
          Operation.LAUNCH,
          request.flowExecutionId(),
          request.flowId(),
          options,
          attemptOptions -> transport.launch(request, attemptOptions));
    }

    /**
     * Launches an execution without blocking, with the client's default timeout.
     *
     * @param request the request
     * @return a future of the execution and metadata; cancelling it cancels the call
     */
    public CompletableFuture<ExecutionResponse> launchAsync(LaunchRequest request) {
      return launchAsync(request, CallOptions.defaults());
    }

    /**
     * Launches an execution without blocking.
     *
     * @param request the request
     * @param options the call's timeout or deadline and extra headers
     * @return a future of the execution and metadata, failed with a typed {@link
     *     dev.flowexec.sdk.errors.FlowApiException}; cancelling it cancels the call
     */
    public CompletableFuture<ExecutionResponse> launchAsync(
        LaunchRequest request, CallOptions options) {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(options, "options");
      return runner.callAsync(
          Operation.LAUNCH,
          request.flowExecutionId(),
          request.flowId(),
          options,
          attemptOptions -> transport.launchAsync(request, attemptOptions));
    }

    /**
     * Reads an execution with the client's default timeout.
     *
     * @param flowExecutionId the execution's id
     * @return the execution and how the call went
     * @throws dev.flowexec.sdk.errors.ExecutionNotFoundException if there is none with that id
     */
    public ExecutionResponse get(String flowExecutionId) {
      return get(flowExecutionId, CallOptions.defaults());
    }

    /**
     * Reads an execution.
     *
     * @param flowExecutionId the execution's id
     * @param options the call's timeout or deadline and extra headers
     * @return the execution and how the call went
     * @throws dev.flowexec.sdk.errors.ExecutionNotFoundException if there is none with that id
     */
    public ExecutionResponse get(String flowExecutionId, CallOptions options) {
      checkId(flowExecutionId);
      Objects.requireNonNull(options, "options");
      return runner.call(
          Operation.GET,
          flowExecutionId,
          null,
          options,
          attemptOptions -> transport.get(flowExecutionId, attemptOptions));
    }

    /**
     * Reads an execution without blocking, with the client's default timeout.
     *
     * @param flowExecutionId the execution's id
     * @return a future of the execution and metadata
     */
    public CompletableFuture<ExecutionResponse> getAsync(String flowExecutionId) {
      return getAsync(flowExecutionId, CallOptions.defaults());
    }

    /**
     * Reads an execution without blocking.
     *
     * @param flowExecutionId the execution's id
     * @param options the call's timeout or deadline and extra headers
     * @return a future of the execution and metadata; cancelling it cancels the call
     */
    public CompletableFuture<ExecutionResponse> getAsync(
        String flowExecutionId, CallOptions options) {
      checkId(flowExecutionId);
      Objects.requireNonNull(options, "options");
      return runner.callAsync(
          Operation.GET,
          flowExecutionId,
          null,
          options,
          attemptOptions -> transport.getAsync(flowExecutionId, attemptOptions));
    }

    /**
     * Polls an execution until its status is final, as {@link
     * FlowExecutionsClient#awaitCompletion(String, Duration)}. The metadata is the last read's
     * status and headers, with the attempts of every poll and the time of the whole wait.
     *
     * @param flowExecutionId the execution's id
     * @param timeout how long to wait in all
     * @return the final execution and how the wait went
     * @throws DeadlineExceededException if it is not final within {@code timeout}
     */
    public ExecutionResponse awaitCompletion(String flowExecutionId, Duration timeout) {
      return awaitFinal(flowExecutionId, timeout);
    }

    /**
     * Polls an execution without blocking until its status is final, as {@link
     * FlowExecutionsClient#awaitCompletionAsync(String, Duration)}.
     *
     * @param flowExecutionId the execution's id
     * @param timeout how long to wait in all
     * @return a future of the final execution and how the wait went; cancelling it stops the
     *     polling
     */
    public CompletableFuture<ExecutionResponse> awaitCompletionAsync(
        String flowExecutionId, Duration timeout) {
      return awaitFinalAsync(flowExecutionId, timeout);
    }

    @Override
    public String toString() {
      return FlowExecutionsClient.this + ".withResponse()";
    }
  }

  /**
   * Configures a {@link FlowExecutionsClient}. Not thread-safe; build once and share the client.
   */
  public static final class Builder {
    private FlowTransport transport;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration timeout = Duration.ofSeconds(30);
    private final List<ExecutionListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * Sets the transport, such as {@code RetrofitTransport}. Required.
     *
     * @param transport the transport; the client closes it on {@link #close()}
     * @return this builder
     */
    public Builder transport(FlowTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets when and how calls are retried.
     *
     * @param retryPolicy the policy; default {@link RetryPolicy#defaults()}
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets how long a call may take when its {@link CallOptions} set neither timeout nor deadline,
     * retries and token fetch included.
     *
     * @param timeout a positive duration; default 30 s
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout is " + timeout + ": use a positive duration");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Adds a listener told of every call, attempt, retry and outcome, such as the Micrometer or
     * OpenTelemetry integration. Call it once per listener; they are told in the order added.
     *
     * @param listener the listener; default none
     * @return this builder
     */
    public Builder listener(ExecutionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets the clock deadlines are measured on. For tests.
     *
     * @param clock the clock; default {@link Clock#systemUTC()}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how synchronous calls wait between attempts and polls. For tests.
     *
     * @param sleeper the sleeper; default {@link Sleeper#system()}
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the scheduler for asynchronous retries, polls and deadlines. The client does not shut
     * down a scheduler it was given.
     *
     * @param scheduler the scheduler; default one daemon thread owned by the client
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if no transport was set
     */
    public FlowExecutionsClient build() {
      if (transport == null) {
        throw new IllegalStateException(
            "transport is required: call "
                + "FlowExecutionsClient.builder().transport(RetrofitTransport.builder()...build())");
      }
      return new FlowExecutionsClient(this);
    }
  }
}
