package dev.flowexec.sdk;

import static dev.flowexec.sdk.TestValues.connectionReset;
import static dev.flowexec.sdk.TestValues.execution;
import static dev.flowexec.sdk.TestValues.inProgress;
import static dev.flowexec.sdk.TestValues.rateLimited;
import static dev.flowexec.sdk.TestValues.request;
import static dev.flowexec.sdk.TestValues.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.FlowNotPublishedException;
import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.ResendListener;
import dev.flowexec.sdk.transport.TokenFetchListener;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlowExecutionsClientTest {
  private final ManualClock clock = new ManualClock();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final RecordingListener events = new RecordingListener();
  private static final RetryPolicy NO_JITTER = RetryPolicy.builder().jitter(0).build();

  private FlowExecutionsClient client(RetryPolicy policy) {
    return FlowExecutionsClient.builder()
        .transport(transport)
        .retryPolicy(policy)
        .clock(clock)
        .sleeper(clock.sleeper(sleeps))
        .listener(events)
        .build();
  }

  @Test
  void launchReturnsTheExecutionAndReportsOneAttempt() {
    transport.thenSucceed();
    LaunchRequest request = request();

    FlowExecution execution = client(NO_JITTER).launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(events.lines)
        .containsExactly("started LAUNCH 1", "finished LAUNCH 1 QUEUED", "done LAUNCH 1 ok");
  }

  @Test
  void aTokenFetchTheTransportReportsReachesTheListenersAndTheCallersOwn() {
    URI tokenUrl = URI.create("https://login.example.com/token");
    List<String> callers = new CopyOnWriteArrayList<>();
    transport
        .thenFail(unavailable())
        .then(
            id -> {
              CallOptions sent = transport.options.get(transport.options.size() - 1);
              sent.tokenFetchListener().tokenFetched(tokenUrl, Duration.ofMillis(7), true, null);
              return execution(id, ExecutionStatus.QUEUED);
            });

    client(NO_JITTER)
        .launch(
            request(),
            CallOptions.builder()
                .tokenFetchListener(
                    (url, elapsed, forced, failure) -> callers.add(url + " " + forced))
                .build());

    assertThat(events.lines)
        .containsSubsequence(
            "started LAUNCH 2", "token LAUNCH 2 7ms forced ok", "finished LAUNCH 2 QUEUED");
    assertThat(events.lines).filteredOn(line -> line.startsWith("token ")).hasSize(1);
    assertThat(callers).containsExactly("https://login.example.com/token true");
    assertThat(transport.options.get(0).tokenFetchListener())
        .isNotSameAs(transport.options.get(1).tokenFetchListener());
  }

  @Test
  void withoutListenersAndWithLoggingOffTheCallersOwnListenersAndHeadersStillReachTheTransport() {
    // No listener and DEBUG off for the client's log: the call makes no events, and the attempt's
    // options carry the caller's own token-fetch and re-send listeners, headers, and the retry.
    TokenFetchListener fetches = (url, elapsed, forced, failure) -> {};
    ResendListener resends = (headers, failure) -> headers;
    transport.thenFail(unavailable()).thenSucceed();
    FlowExecutionsClient quiet =
        FlowExecutionsClient.builder()
            .transport(transport)
            .retryPolicy(NO_JITTER)
            .clock(clock)
            .sleeper(clock.sleeper(sleeps))
            .build();

    ExecutionResponse response =
        quiet
            .withResponse()
            .launch(
                request(),
                CallOptions.builder()
                    .putHeaders("X-Correlation-Id", "c-1")
                    .tokenFetchListener(fetches)
                    .resendListener(resends)
                    .build());

    assertThat(response.metadata().attempts()).isEqualTo(2);
    assertThat(transport.options).hasSize(2);
    assertThat(transport.options)
        .allSatisfy(
            sent -> {
              assertThat(sent.headers()).containsEntry("X-Correlation-Id", "c-1");
              assertThat(sent.tokenFetchListener()).isSameAs(fetches);
              assertThat(sent.resendListener()).isSameAs(resends);
              assertThat(sent.timeout()).isPresent();
            });
  }

  @Test
  void aResendIsToldAndGetsTheHeadersListenersSetOverTheAttempts() {
    AuthenticationException refusal =
        new AuthenticationException("refused", 401, "invalid_token", "req_1");
    List<Map<String, String>> resendHeaders = new CopyOnWriteArrayList<>();
    List<Duration> durations = new CopyOnWriteArrayList<>(); // the refused request's, the attempt's
    transport.then(
        id -> {
          CallOptions sent = transport.options.get(0);
          clock.advance(Duration.ofMillis(40)); // the refused request's round trip
          resendHeaders.add(sent.resendListener().requestResent(sent.headers(), refusal));
          clock.advance(Duration.ofMillis(25)); // the re-send's
          return execution(id, ExecutionStatus.QUEUED);
        });
    ExecutionListener tracer =
        new ExecutionListener() {
          @Override
          public void attemptStarted(AttemptStarted attempt) {
            attempt.addHeader("traceparent", "first");
          }

          @Override
          public void requestResent(RequestResent resent) {
            assertThat(resent.refusal()).isSameAs(refusal);
            assertThat(resent.attempt()).isEqualTo(1);
            durations.add(resent.duration());
            resent.addHeader("TraceParent", "second");
          }

          @Override
          public void attemptFinished(AttemptFinished attempt) {
            durations.add(attempt.duration());
          }
        };
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .clock(clock)
            .sleeper(clock.sleeper(sleeps))
            .listener(tracer)
            .build();

    client.launch(
        request(),
        CallOptions.builder()
            .putHeaders("X-Correlation-Id", "c-1")
            .resendListener(
                (headers, failure) -> {
                  Map<String, String> mine = new java.util.LinkedHashMap<>(headers);
                  mine.put("X-Caller", "told first");
                  return mine;
                })
            .build());

    assertThat(transport.options.get(0).headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("X-Correlation-Id", "c-1", "traceparent", "first"));
    assertThat(resendHeaders)
        .singleElement()
        .satisfies(
            headers ->
                assertThat(headers)
                    .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                            "X-Correlation-Id",
                            "c-1",
                            "X-Caller",
                            "told first",
                            "TraceParent",
                            "second")));
    assertThat(durations).containsExactly(Duration.ofMillis(40), Duration.ofMillis(65));
  }

  @Test
  void retriesSendTheSameRequestAndIdempotencyKeyEveryTime() {
    transport.thenFail(unavailable()).thenFail(connectionReset()).thenSucceed();
    LaunchRequest request = request();

    FlowExecution execution = client(NO_JITTER).launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(transport.launches)
        .hasSize(3)
        .allSatisfy(
            sent -> {
              assertThat(sent).isSameAs(request);
              assertThat(sent.flowExecutionId()).isEqualTo(request.flowExecutionId());
            });
    assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(events.lines)
        .contains(
            "retry LAUNCH 1 after 200ms: unavailable",
            "retry LAUNCH 2 after 400ms: transport_error",
            "done LAUNCH 3 ok");
  }

  @Test
  void retryAfterIsHonouredAndCappedByThePolicy() {
    transport
        .thenFail(rateLimited(Duration.ofSeconds(2)))
        .thenFail(rateLimited(Duration.ofMinutes(10)))
        .thenSucceed();
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .retryPolicy(NO_JITTER)
            .clock(clock)
            .sleeper(clock.sleeper(sleeps))
            .timeout(Duration.ofMinutes(5))
            .build();

    client.launch(request());

    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(30));
  }

  @Test
  void aLaunchStillInProgressIsRetried() {
    transport.thenFail(inProgress()).thenSucceed();

    client(NO_JITTER).launch(request());

    assertThat(transport.launches).hasSize(2);
  }

  static Stream<FlowApiException> notRetried() {
    return Stream.of(
        new InvalidRequestException("400", 400, "invalid_request", null, List.of()),
        new AuthenticationException("401", 401, "invalid_token", null),
        new InsufficientScopeException(
            "403", 403, "insufficient_scope", null, Set.of("flow:execute"), Set.of()),
        new FlowNotFoundException("404", 404, "flow_not_found", null),
        new FlowNotPublishedException("409", 409, "flow_not_published", null),
        new IdempotencyConflictException("422", 422, "idempotency_key_reused", null),
        new ServerException("501", 501, "server_error", null, null),
        new FlowApiException("418", 418, "teapot", null));
  }

  @ParameterizedTest
  @MethodSource("notRetried")
  void failuresThatARetryCannotFixAreThrownAfterOneAttempt(FlowApiException failure) {
    transport.thenFail(failure);

    assertThatThrownBy(() -> client(NO_JITTER).launch(request())).isSameAs(failure);
    assertThat(transport.launches).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void attemptsAreCappedAndTheLastFailureIsThrown() {
    ServerException last = new ServerException("502", 502, "server_error", "req_last", null);
    transport.thenFail(unavailable()).thenFail(unavailable()).thenFail(last);

    assertThatThrownBy(() -> client(NO_JITTER).launch(request())).isSameAs(last);
    assertThat(transport.launches).hasSize(3);
    assertThat(events.lines).last().isEqualTo("done LAUNCH 3 server_error");
  }

  @Test
  void theDeadlineCoversRetriesAndEndsTheCallWithATypedException() {
    ServerException slowFailure = unavailable();
    for (int i = 0; i < 3; i++) {
      transport.then(
          id -> {
            clock.advance(Duration.ofMillis(600));
            throw slowFailure;
          });
    }
    FlowExecutionsClient client = client(NO_JITTER);

    assertThatThrownBy(() -> client.launch(request(), CallOptions.ofTimeout(Duration.ofSeconds(1))))
        .isInstanceOf(DeadlineExceededException.class)
        .hasCause(slowFailure)
        .hasMessageContaining("did not finish within its deadline")
        .hasMessageContaining("No execution was started: every attempt was refused")
        .satisfies(e -> assertThat(((FlowApiException) e).executionMayHaveStarted()).isFalse());
    assertThat(transport.launches).hasSize(2);
    // Each attempt is told the time left, so the transport can bound itself.
    assertThat(transport.options.get(0).timeout()).contains(Duration.ofSeconds(1));
    assertThat(transport.options.get(1).timeout()).contains(Duration.ofMillis(200));
  }

  @Test
  void noRetryStartsWhenItsDelayWouldPassTheDeadline() {
    transport.thenFail(rateLimited(Duration.ofSeconds(20)));

    assertThatThrownBy(
            () ->
                client(NO_JITTER).launch(request(), CallOptions.ofTimeout(Duration.ofSeconds(10))))
        .isInstanceOf(FlowApiException.class)
        .hasFieldOrPropertyWithValue("errorCode", "rate_limited");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void anExplicitDeadlineWinsOverALongerTimeout() {
    transport.thenSucceed();

    client(NO_JITTER)
        .launch(
            request(),
            CallOptions.builder()
                .timeout(Duration.ofMinutes(1))
                .deadline(clock.instant().plusSeconds(3))
                .build());

    assertThat(transport.options.get(0).timeout()).contains(Duration.ofSeconds(3));
  }

  @Test
  void extraHeadersReachTheTransport() {
    transport.thenSucceed();

    client(NO_JITTER)
        .launch(request(), CallOptions.builder().putHeaders("X-Correlation-Id", "trace-1").build());

    assertThat(transport.options.get(0).headers()).containsEntry("X-Correlation-Id", "trace-1");
  }

  @Test
  void aListenerThatThrowsNeverBreaksACall() {
    transport.thenFail(unavailable()).thenSucceed();
    ExecutionListener broken =
        new ExecutionListener() {
          @Override
          public void attemptStarted(AttemptStarted event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void retryScheduled(RetryScheduled event) {
            throw new AssertionError("listener bug");
          }

          @Override
          public void callFinished(CallFinished event) {
            throw new IllegalStateException("listener bug");
          }
        };
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .retryPolicy(NO_JITTER)
            .sleeper(clock.sleeper(sleeps))
            .clock(clock)
            .listener(broken)
            .build();

    assertThat(client.launch(request()).status()).isEqualTo(ExecutionStatus.QUEUED);
  }

  @Test
  void getValidatesTheIdBeforeSending() {
    FlowExecutionsClient client = client(NO_JITTER);

    assertThatThrownBy(() -> client.get(" "))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("flow_execution_id is blank");
    assertThatThrownBy(() -> client.get("a/b"))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("flow_execution_id has '/' at index 1");
    assertThat(transport.gets).isEmpty();
  }

  @Test
  void getRetriesLikeLaunch() {
    transport.thenFail(unavailable()).then(id -> execution(id, ExecutionStatus.RUNNING));

    FlowExecution execution = client(NO_JITTER).get("exec-1");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(transport.gets).containsExactly("exec-1", "exec-1");
  }

  @Test
  void awaitCompletionPollsWithGrowingDelaysUntilFinal() {
    transport
        .then(id -> execution(id, ExecutionStatus.QUEUED))
        .then(id -> execution(id, ExecutionStatus.RUNNING))
        .then(id -> execution(id, ExecutionStatus.RUNNING))
        .then(id -> execution(id, ExecutionStatus.COMPLETED));

    FlowExecution done = client(NO_JITTER).awaitCompletion("exec-1", Duration.ofMinutes(1));

    assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(250), Duration.ofMillis(375), Duration.ofNanos(562_500_000));
  }

  @Test
  void awaitCompletionGivesUpAtItsTimeoutSayingWhereTheExecutionIs() {
    for (int i = 0; i < 20; i++) {
      transport.then(id -> execution(id, ExecutionStatus.RUNNING));
    }

    assertThatThrownBy(() -> client(NO_JITTER).awaitCompletion("exec-1", Duration.ofSeconds(2)))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("exec-1 is still RUNNING after 2000 ms");
    Duration slept = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(slept).isLessThan(Duration.ofSeconds(2));
    assertThat(transport.gets).hasSize(sleeps.size() + 1);
  }

  @Test
  void asyncLaunchRetriesOffTheCallersThread() throws Exception {
    transport.thenFail(unavailable()).thenFail(connectionReset()).thenSucceed();
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).build())
            .listener(events)
            .build();
    LaunchRequest request = request();

    FlowExecution execution = client.launchAsync(request).get(5, TimeUnit.SECONDS);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(transport.launches)
        .hasSize(3)
        .allSatisfy(sent -> assertThat(sent).isSameAs(request));
    // The first attempt is sent from the caller (without blocking); retries wait on the scheduler.
    assertThat(events.threadOf("started LAUNCH 2")).isNotEqualTo(Thread.currentThread().getName());
    assertThat(events.threadOf("started LAUNCH 3")).isNotEqualTo(Thread.currentThread().getName());
    assertThat(events.lines).last().isEqualTo("done LAUNCH 3 ok");
    client.close();
  }

  @Test
  void asyncFailuresArriveTyped() {
    InvalidRequestException invalid =
        new InvalidRequestException("400", 400, "invalid_request", null, List.of());
    transport.thenFail(invalid);
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).build();

    CompletableFuture<FlowExecution> future = client.launchAsync(request());

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCause(invalid);
    client.close();
  }

  @Test
  void cancellingAnAsyncCallCancelsTheAttemptInFlightAndStopsRetries() throws Exception {
    HeldTransport held = new HeldTransport();
    FlowExecutionsClient client =
        FlowExecutionsClient.builder().transport(held).listener(events).build();

    CompletableFuture<FlowExecution> future = client.launchAsync(request());
    CompletableFuture<TransportResponse> inFlight = held.attempts.poll(5, TimeUnit.SECONDS);
    future.cancel(true);

    assertThat(inFlight).isNotNull();
    assertThat(inFlight.isCancelled()).isTrue();
    assertThat(held.attempts.poll(100, TimeUnit.MILLISECONDS)).isNull();
    assertThat(events.lines).contains("done LAUNCH 1 cancelled");
    client.close();
  }

  @Test
  void anAsyncCallThatHangsEndsAtItsDeadline() throws Exception {
    HeldTransport held = new HeldTransport();
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(held).build();

    CompletableFuture<FlowExecution> future =
        client.launchAsync(request(), CallOptions.ofTimeout(Duration.ofMillis(300)));

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(DeadlineExceededException.class);
    assertThat(held.attempts.poll(1, TimeUnit.SECONDS).isCancelled()).isTrue();
    client.close();
  }

  @Test
  void awaitCompletionAsyncPollsUntilFinal() throws Exception {
    transport
        .then(id -> execution(id, ExecutionStatus.RUNNING))
        .then(id -> execution(id, ExecutionStatus.FAILED));
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).build();

    FlowExecution done =
        client.awaitCompletionAsync("exec-9", Duration.ofSeconds(10)).get(5, TimeUnit.SECONDS);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(transport.gets).containsExactly("exec-9", "exec-9");
    client.close();
  }

  @Test
  void aLostReusedConnectionIsResentAtOnceOnAFreshConnectionWithoutCostingAnAttempt()
      throws Exception {
    TransportException lost =
        TransportException.lostReusedConnection("lost", new IOException("reset"));
    transport.thenFail(lost).thenSucceed().thenFail(lost).thenSucceed();
    FlowExecutionsClient client = client(RetryPolicy.none());

    ResponseMetadata sync = client.withResponse().launch(request()).metadata();
    ResponseMetadata async =
        client.withResponse().launchAsync(request()).get(5, TimeUnit.SECONDS).metadata();

    assertThat(sync.attempts())
        .as("both requests went on the wire: both are attempts")
        .isEqualTo(2);
    assertThat(async.attempts()).isEqualTo(2);
    assertThat(transport.options)
        .extracting(CallOptions::freshConnection)
        .containsExactly(false, true, false, true);
    assertThat(sleeps).allSatisfy(delay -> assertThat(delay).isZero());
    assertThat(events.lines)
        .contains("retry LAUNCH 1 after 0ms: transport_error", "done LAUNCH 2 ok");
  }

  @Test
  void aLostFreshConnectionCountsAsAnAttemptSoTheRetryPolicyStillBoundsTheCall() {
    TransportException lost =
        TransportException.lostReusedConnection("lost", new IOException("reset"));
    transport.thenFail(lost).thenFail(lost).thenFail(lost).thenFail(lost).thenSucceed();
    FlowExecutionsClient client = client(RetryPolicy.builder().maxAttempts(2).jitter(0).build());

    // A transport that ignores freshConnection: each re-send is lost too, and counts.
    assertThatThrownBy(() -> client.launch(request())).isSameAs(lost);

    assertThat(transport.launches).hasSize(4);
    assertThat(transport.options)
        .extracting(CallOptions::freshConnection)
        .containsExactly(false, true, false, true);
    assertThat(sleeps).containsExactly(Duration.ZERO, Duration.ofMillis(200), Duration.ZERO);
  }

  @Test
  void buildingWithoutATransportSaysWhatToDo() {
    assertThatThrownBy(() -> FlowExecutionsClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transport is required");
  }

  @Test
  void closeClosesTheTransportAndLaterAsyncCallsFail() {
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).build();

    client.close();

    assertThat(transport.closed).isTrue();
    assertThatThrownBy(() -> client.launchAsync(request()).join())
        .hasCauseInstanceOf(dev.flowexec.sdk.errors.ClientClosedException.class)
        .hasMessageContaining("the client was closed");
  }

  @Test
  void cancellationExceptionIsWhatACancelledFutureGives() {
    HeldTransport held = new HeldTransport();
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(held).build();
    CompletableFuture<FlowExecution> future = client.launchAsync(request());

    future.cancel(true);

    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    client.close();
  }

  /** A transport whose async attempts never finish by themselves. */
  private static final class HeldTransport implements FlowTransport {
    final java.util.concurrent.BlockingQueue<CompletableFuture<TransportResponse>> attempts =
        new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public TransportResponse launch(LaunchRequest request, CallOptions options) {
      throw new UnsupportedOperationException("async only");
    }

    @Override
    public TransportResponse get(String id, CallOptions options) {
      throw new UnsupportedOperationException("async only");
    }

    @Override
    public CompletableFuture<TransportResponse> launchAsync(
        LaunchRequest request, CallOptions options) {
      CompletableFuture<TransportResponse> attempt = new CompletableFuture<>();
      attempts.add(attempt);
      return attempt;
    }
  }
}
