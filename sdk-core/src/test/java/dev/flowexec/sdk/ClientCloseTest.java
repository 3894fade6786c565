package dev.flowexec.sdk;

import static dev.flowexec.sdk.TestValues.connectionReset;
import static dev.flowexec.sdk.TestValues.execution;
import static dev.flowexec.sdk.TestValues.request;
import static dev.flowexec.sdk.TestValues.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.errors.ClientClosedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} ends every open call at once with a typed exception whose flag is true only when
 * a request of the call may have been sent. No test waits for real time.
 */
class ClientCloseTest {
  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final ScriptedTransport script = new ScriptedTransport();
  private final RecordingListener events = new RecordingListener();
  private static final RetryPolicy SLOW_RETRIES =
      RetryPolicy.builder()
          .jitter(0)
          .initialBackoff(Duration.ofSeconds(10))
          .maxBackoff(Duration.ofSeconds(10))
          .build();

  private FlowExecutionsClient client(FlowTransport transport) {
    return FlowExecutionsClient.builder()
        .transport(transport)
        .retryPolicy(SLOW_RETRIES)
        .clock(clock)
        .sleeper(clock.sleeper(sleeps))
        .scheduler(scheduler)
        .listener(events)
        .timeout(Duration.ofMinutes(5))
        .build();
  }

  private static ClientClosedException closedFailure(CompletableFuture<?> future) {
    assertThat(future).as("ended by close()").isDone();
    try {
      future.join();
    } catch (CompletionException failure) {
      assertThat(failure.getCause()).isInstanceOf(ClientClosedException.class);
      return (ClientClosedException) failure.getCause();
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void aLaunchWaitingToRetryAfterARefusalEndsAtOnceAndSaysNothingStarted() {
    ServerException refused = unavailable();
    script.thenFail(refused);
    FlowExecutionsClient client = client(new AttemptHistoryTest.InlineAsync(script));
    CompletableFuture<FlowExecution> future = client.launchAsync(request());
    assertThat(future).isNotDone();
    assertThat(scheduler.pending()).isEqualTo(2); // the retry and the deadline

    client.close();

    ClientClosedException closed = closedFailure(future);
    assertThat(closed.executionMayHaveStarted()).isFalse();
    assertThat(closed)
        .hasCause(refused)
        .hasMessageContaining("the client was closed")
        .hasMessageContaining("No execution was started");
    assertThat(closed.errorCode()).isEqualTo(ClientClosedException.ERROR_CODE);
    assertThat(scheduler.pending()).isZero();
    assertThat(script.launches).hasSize(1);
    assertThat(events.lines).containsOnlyOnce("done LAUNCH 1 client_closed");
  }

  @Test
  void aLaunchWaitingToRetryAfterADropSaysAnExecutionMayHaveStarted() {
    TransportException dropped = connectionReset();
    script.thenFail(dropped);
    FlowExecutionsClient client = client(new AttemptHistoryTest.InlineAsync(script));
    CompletableFuture<FlowExecution> future = client.launchAsync(request());

    client.close();

    ClientClosedException closed = closedFailure(future);
    assertThat(closed.executionMayHaveStarted()).isTrue();
    assertThat(closed).hasCause(dropped).hasMessageContaining("The execution may have started");
  }

  @Test
  void awaitCompletionAsyncWaitingForItsNextPollEndsAtOnce() {
    script.then(id -> execution(id, ExecutionStatus.RUNNING));
    FlowExecutionsClient client = client(new AttemptHistoryTest.InlineAsync(script));
    CompletableFuture<FlowExecution> future =
        client.awaitCompletionAsync("exec-1", Duration.ofMinutes(1));
    assertThat(future).isNotDone();

    client.close();

    ClientClosedException closed = closedFailure(future);
    assertThat(closed).hasMessageContaining("waiting for execution exec-1 to finish was stopped");
    assertThat(closed.executionMayHaveStarted()).isFalse();
    assertThat(script.gets).hasSize(1);
  }

  @Test
  void anAttemptInFlightThatTheTransportEndsOnCloseTellsWhetherItWasSent() {
    ClosingTransport transport = new ClosingTransport();
    FlowExecutionsClient client = client(transport);
    CompletableFuture<FlowExecution> queued = client.launchAsync(request());
    CompletableFuture<FlowExecution> writing = client.launchAsync(request());
    transport.written.add(transport.attempts.get(1));

    client.close();

    ClientClosedException neverSent = closedFailure(queued);
    assertThat(neverSent.executionMayHaveStarted()).isFalse();
    assertThat(neverSent.getCause()).isInstanceOf(TransportException.class);
    ClientClosedException mayHaveBeenSent = closedFailure(writing);
    assertThat(mayHaveBeenSent.executionMayHaveStarted()).isTrue();
    assertThat(transport.attempts).hasSize(2); // no retry after close
  }

  @Test
  void anAttemptInFlightThatTheTransportNeverEndsIsAbandonedAfterTheGraceAndMayHaveBeenSent() {
    RecordingListener listener = new RecordingListener();
    CallRunner runner =
        new CallRunner(
            SLOW_RETRIES,
            listener,
            clock,
            clock.sleeper(sleeps),
            scheduler,
            Duration.ofMinutes(1),
            () -> 0.5,
            null);
    CompletableFuture<TransportResponse> attempt = new CompletableFuture<>();
    CompletableFuture<ExecutionResponse> future =
        runner.callAsync(
            Operation.LAUNCH, "exec-1", "flow-1", CallOptions.defaults(), options -> attempt);

    runner.close();
    assertThat(future).as("waits for the transport to end its attempt").isNotDone();
    runner.abandonOpenCalls(Duration.ZERO);

    ClientClosedException closed = closedFailure(future);
    assertThat(closed.executionMayHaveStarted()).isTrue();
    assertThat(closed).hasMessageContaining("while attempt 1 was in flight");
    assertThat(attempt).isCancelled();
    assertThat(listener.lines).containsOnlyOnce("done LAUNCH 1 client_closed");
  }

  @Test
  void callsAfterCloseFailTypedWithoutSending() {
    FlowExecutionsClient client = client(new AttemptHistoryTest.InlineAsync(script));
    client.close();

    assertThatThrownBy(() -> client.launch(request()))
        .isInstanceOfSatisfying(
            ClientClosedException.class, e -> assertThat(e.executionMayHaveStarted()).isFalse())
        .hasMessageContaining("before any attempt");
    assertThat(closedFailure(client.launchAsync(request())).executionMayHaveStarted()).isFalse();
    assertThat(closedFailure(client.getAsync("exec-1"))).isNotNull();
    assertThat(closedFailure(client.awaitCompletionAsync("exec-1", Duration.ofSeconds(5))))
        .isNotNull();
    assertThat(script.launches).isEmpty();
    assertThat(script.gets).isEmpty();
    client.close(); // idempotent
  }

  @Test
  void aSyncLaunchWhoseAttemptFailsDuringCloseDoesNotRetry() {
    FlowExecutionsClient[] client = new FlowExecutionsClient[1];
    TransportException dropped = connectionReset();
    script.then(
        id -> {
          client[0].close();
          throw dropped;
        });
    client[0] = client(script);

    assertThatThrownBy(() -> client[0].launch(request()))
        .isInstanceOfSatisfying(
            ClientClosedException.class,
            e -> {
              assertThat(e.executionMayHaveStarted()).isTrue();
              assertThat(e).hasCause(dropped);
            });
    assertThat(script.launches).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void theClientsOwnSchedulerThreadIsADaemon() throws Exception {
    script.thenFail(unavailable()).thenSucceed();
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(new AttemptHistoryTest.InlineAsync(script))
            .listener(events)
            .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).build())
            .build();

    client.launchAsync(request()).get(5, java.util.concurrent.TimeUnit.SECONDS);

    Thread retried =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(events.threadOf("started LAUNCH 2")))
            .findFirst()
            .orElseThrow();
    assertThat(retried.getName()).startsWith("flowexec-scheduler-");
    assertThat(retried.isDaemon()).isTrue();
    client.close();
  }

  /**
   * A transport whose async attempts wait until close(), which ends each with a {@link
   * TransportException} that says whether it was written, as RetrofitTransport does.
   */
  private static final class ClosingTransport implements FlowTransport {
    final List<CompletableFuture<TransportResponse>> attempts = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<TransportResponse>> written = new CopyOnWriteArrayList<>();

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

    @Override
    public void close() {
      for (CompletableFuture<TransportResponse> attempt : attempts) {
        boolean sent = written.stream().anyMatch(w -> w == attempt);
        attempt.completeExceptionally(
            sent
                ? TransportException.maybeSent(
                    "the transport was closed", new IOException("closed"))
                : TransportException.notSent(
                    "the transport was closed", new IOException("closed")));
      }
    }
  }
}
