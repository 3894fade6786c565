package dev.flowexec.sdk;

import static dev.flowexec.sdk.TestValues.connectionReset;
import static dev.flowexec.sdk.TestValues.inProgress;
import static dev.flowexec.sdk.TestValues.rateLimited;
import static dev.flowexec.sdk.TestValues.request;
import static dev.flowexec.sdk.TestValues.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exception a launch ends with carries its earlier attempts and one truthful flag: an execution
 * may have started whenever any attempt may have reached the service. The same on both paths; no
 * test waits for real time (a manual clock, sleeper and scheduler).
 */
class AttemptHistoryTest {
  enum Path {
    SYNC,
    ASYNC
  }

  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final ScriptedTransport script = new ScriptedTransport();
  private final RecordingListener events = new RecordingListener();
  private static final RetryPolicy POLICY =
      RetryPolicy.builder()
          .jitter(0)
          .maxAttempts(4)
          .initialBackoff(Duration.ofMillis(100))
          .maxRetryAfter(Duration.ofSeconds(10))
          .build();

  private FlowExecutionsClient client(FlowTransport transport) {
    return FlowExecutionsClient.builder()
        .transport(transport)
        .retryPolicy(POLICY)
        .clock(clock)
        .sleeper(clock.sleeper(sleeps))
        .scheduler(scheduler)
        .listener(events)
        .build();
  }

  /** Runs a launch that must fail, on the given path, and returns its exception. */
  private FlowApiException launchFailure(Path path, FlowTransport transport, CallOptions options) {
    FlowExecutionsClient client = client(transport);
    LaunchRequest request = request();
    if (path == Path.SYNC) {
      try {
        client.launch(request, options);
      } catch (FlowApiException failure) {
        return failure;
      }
      throw new AssertionError("the launch succeeded");
    }
    CompletableFuture<FlowExecution> future = client.launchAsync(request, options);
    for (int i = 0; i < 1000 && !future.isDone(); i++) {
      scheduler.advance(Duration.ofMillis(50));
    }
    assertThat(future).isDone();
    try {
      future.join();
    } catch (CompletionException failure) {
      return (FlowApiException) failure.getCause();
    }
    throw new AssertionError("the launch succeeded");
  }

  private FlowApiException launchFailure(Path path) {
    return launchFailure(
        path, new InlineAsync(script), CallOptions.ofTimeout(Duration.ofSeconds(30)));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aDropAfterSendingIsNotForgottenWhenALaterAttemptIsRefused(Path path) {
    TransportException dropped = connectionReset();
    ServerException last = unavailable();
    script
        .thenFail(dropped)
        .thenFail(rateLimited(Duration.ofMillis(200)))
        .thenFail(unavailable())
        .thenFail(last);

    FlowApiException failure = launchFailure(path);

    assertThat(failure).isSameAs(last);
    assertThat(failure.statusCode()).isEqualTo(503);
    assertThat(failure.executionMayHaveStarted()).isTrue();
    assertThat(failure.earlierAttempts()).hasSize(3).first().isSameAs(dropped);
    assertThat(failure.getSuppressed()).contains(dropped);
    assertThat(script.launches).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void refusalsAloneSayNoExecutionStarted(Path path) {
    RateLimitedException limited = rateLimited(Duration.ofMillis(200));
    TransportException refused =
        TransportException.notSent("connection refused", new IOException("refused"));
    script.thenFail(limited).thenFail(refused).thenFail(unavailable()).thenFail(unavailable());

    FlowApiException failure = launchFailure(path);

    assertThat(failure.executionMayHaveStarted()).isFalse();
    assertThat(failure.earlierAttempts()).hasSize(3).startsWith(limited, refused);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aLaunchInProgressElsewhereMayHaveStartedOne(Path path) {
    script
        .thenFail(inProgress())
        .thenFail(unavailable())
        .thenFail(unavailable())
        .thenFail(unavailable());

    assertThat(launchFailure(path).executionMayHaveStarted()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aRetryThatWouldPassTheDeadlineEndsWithTheRefusalAndTheEarlierDrop(Path path) {
    TransportException dropped = connectionReset();
    RateLimitedException limited = rateLimited(Duration.ofSeconds(5));
    script.thenFail(dropped).thenFail(limited);

    FlowApiException failure =
        launchFailure(path, new InlineAsync(script), CallOptions.ofTimeout(Duration.ofSeconds(3)));

    assertThat(failure).isSameAs(limited);
    assertThat(failure.executionMayHaveStarted()).isTrue();
    assertThat(failure.earlierAttempts()).containsExactly(dropped);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aDeadlineAfterARefusalAndALateTimeoutCarriesBoth(Path path) {
    ServerException refused = unavailable();
    TransportException timedOut =
        TransportException.maybeSent("read timed out", new IOException("timeout"));
    script
        .thenFail(refused)
        .then(
            id -> {
              clock.advance(Duration.ofSeconds(2));
              throw timedOut;
            });

    FlowApiException failure =
        launchFailure(path, new InlineAsync(script), CallOptions.ofTimeout(Duration.ofSeconds(1)));

    assertThat(failure)
        .isInstanceOf(DeadlineExceededException.class)
        .hasCause(timedOut)
        .hasMessageContaining("The execution may have started");
    assertThat(failure.executionMayHaveStarted()).isTrue();
    assertThat(failure.earlierAttempts()).containsExactly(refused);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aDeadlineAfterRefusalsOnlySaysNoneStarted(Path path) {
    script
        .thenFail(unavailable())
        .then(
            id -> {
              clock.advance(Duration.ofSeconds(2));
              throw unavailable();
            });

    FlowApiException failure =
        launchFailure(path, new InlineAsync(script), CallOptions.ofTimeout(Duration.ofSeconds(1)));

    assertThat(failure)
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("No execution was started");
    assertThat(failure.executionMayHaveStarted()).isFalse();
    assertThat(failure.earlierAttempts()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aDeadlineWithAnAttemptInFlightSaysItMayHaveStarted(Path path) {
    // Sync: the transport outlives the deadline and then reports it never sent (its own bound);
    // async: the attempt is still in flight when the deadline timer fires.
    ServerException refused = unavailable();
    List<CompletableFuture<TransportResponse>> held = new ArrayList<>();
    FlowTransport transport =
        new InlineAsync(script) {
          @Override
          public CompletableFuture<TransportResponse> launchAsync(
              LaunchRequest request, CallOptions options) {
            if (script.launches.isEmpty()) {
              return super.launchAsync(request, options);
            }
            CompletableFuture<TransportResponse> attempt = new CompletableFuture<>();
            held.add(attempt);
            return attempt;
          }
        };
    script.thenFail(refused);
    if (path == Path.SYNC) {
      script.then(
          id -> {
            clock.advance(Duration.ofSeconds(2));
            throw TransportException.maybeSent("read timed out", new IOException("timeout"));
          });
    }

    FlowApiException failure =
        launchFailure(path, transport, CallOptions.ofTimeout(Duration.ofSeconds(1)));

    assertThat(failure).isInstanceOf(DeadlineExceededException.class);
    assertThat(failure.executionMayHaveStarted()).isTrue();
    if (path == Path.ASYNC) {
      assertThat(failure).hasCause(refused);
      assertThat(held).singleElement().satisfies(attempt -> assertThat(attempt).isCancelled());
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void anUnexpectedFailureStillCarriesTheEarlierAttempts(Path path) {
    TransportException dropped = connectionReset();
    IllegalStateException bug = new IllegalStateException("a transport bug");
    script.thenFail(dropped).thenFail(bug);
    FlowExecutionsClient client = client(new InlineAsync(script));

    if (path == Path.SYNC) {
      assertThatThrownBy(() -> client.launch(request())).isSameAs(bug);
    } else {
      CompletableFuture<FlowExecution> future = client.launchAsync(request());
      scheduler.advance(Duration.ofSeconds(1));
      assertThatThrownBy(future::join).hasCause(bug);
    }
    assertThat(bug.getSuppressed()).containsExactly(dropped);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void theSameExceptionThrownTwiceIsNotSuppressedByItself(Path path) {
    ServerException same = unavailable();
    script.thenFail(same).thenFail(same).thenFail(same).thenFail(same);

    FlowApiException failure = launchFailure(path);

    assertThat(failure).isSameAs(same);
    assertThat(failure.getSuppressed()).isEmpty();
    assertThat(failure.executionMayHaveStarted()).isFalse();
  }

  /** Runs the script's answers on the caller's thread, as completed futures. */
  static class InlineAsync implements FlowTransport {
    final ScriptedTransport script;

    InlineAsync(ScriptedTransport script) {
      this.script = script;
    }

    @Override
    public TransportResponse launch(LaunchRequest request, CallOptions options) {
      return script.launch(request, options);
    }

    @Override
    public TransportResponse get(String id, CallOptions options) {
      return script.get(id, options);
    }

    @Override
    public CompletableFuture<TransportResponse> launchAsync(
        LaunchRequest request, CallOptions options) {
      try {
        return CompletableFuture.completedFuture(script.launch(request, options));
      } catch (RuntimeException failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }

    @Override
    public CompletableFuture<TransportResponse> getAsync(String id, CallOptions options) {
      try {
        return CompletableFuture.completedFuture(script.get(id, options));
      } catch (RuntimeException failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }

    @Override
    public void close() {
      script.close();
    }
  }
}
