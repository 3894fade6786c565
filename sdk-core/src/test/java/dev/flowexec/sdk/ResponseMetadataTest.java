package dev.flowexec.sdk;

import static dev.flowexec.sdk.TestValues.execution;
import static dev.flowexec.sdk.TestValues.request;
import static dev.flowexec.sdk.TestValues.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.ResponseHeaders;
import dev.flowexec.sdk.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Success metadata through the client and listener events, over a scripted transport. */
class ResponseMetadataTest {
  private static final RetryPolicy NO_JITTER = RetryPolicy.builder().jitter(0).build();
  private final ManualClock clock = new ManualClock();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final ScriptedTransport transport = new ScriptedTransport();
  private final List<ExecutionListener.CallFinished> finished = new CopyOnWriteArrayList<>();
  private final List<ExecutionListener.AttemptFinished> attempts = new CopyOnWriteArrayList<>();
  private final ExecutionListener capture =
      new ExecutionListener() {
        @Override
        public void attemptFinished(AttemptFinished event) {
          attempts.add(event);
        }

        @Override
        public void callFinished(CallFinished event) {
          finished.add(event);
        }
      };

  private FlowExecutionsClient client() {
    return FlowExecutionsClient.builder()
        .transport(transport)
        .retryPolicy(NO_JITTER)
        .clock(clock)
        .sleeper(clock.sleeper(sleeps))
        .listener(capture)
        .build();
  }

  @Test
  void aNewLaunchIs201NotReplayedWithItsRequestId() {
    transport.thenRespond(
        id ->
            TransportResponse.of(
                execution(id, ExecutionStatus.QUEUED),
                201,
                ResponseHeaders.of(
                    "Location", "/api/v2/flows/executions/" + id, "X-Request-Id", "req_a")));

    ExecutionResponse response = client().withResponse().launch(request());

    ResponseMetadata meta = response.metadata();
    assertThat(meta.statusCode()).isEqualTo(201);
    assertThat(meta.replayed()).isFalse();
    assertThat(meta.requestId()).contains("req_a");
    assertThat(meta.attempts()).isEqualTo(1);
    assertThat(meta.elapsed()).isEqualTo(Duration.ZERO);
    assertThat(meta.headers().first("location"))
        .contains("/api/v2/flows/executions/" + response.execution().flowExecutionId());
    assertThat(finished)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.metadata()).contains(meta);
              assertThat(call.execution()).contains(response.execution());
            });
  }

  @Test
  void aReplayedLaunchIs200WithIdempotentReplayed() {
    transport.thenRespond(
        id ->
            TransportResponse.of(
                execution(id, ExecutionStatus.RUNNING),
                200,
                ResponseHeaders.of("Idempotent-Replayed", "true", "X-Request-Id", "req_b")));

    ResponseMetadata meta = client().withResponse().launch(request()).metadata();

    assertThat(meta.statusCode()).isEqualTo(200);
    assertThat(meta.replayed()).isTrue();
    assertThat(meta.requestId()).contains("req_b");
  }

  @Test
  void aReadIsNeverReplayed() {
    transport.thenRespond(
        id ->
            TransportResponse.of(
                execution(id, ExecutionStatus.RUNNING), 200, ResponseHeaders.empty()));

    ResponseMetadata meta = client().withResponse().get("abc").metadata();

    assertThat(meta.replayed()).isFalse();
    assertThat(meta.requestId()).isEmpty();
  }

  @Test
  void aRetriedLaunchCountsItsAttemptsAndTime() {
    transport.thenFail(unavailable()).thenFail(unavailable()).thenSucceed();

    ResponseMetadata meta = client().withResponse().launch(request()).metadata();

    assertThat(meta.attempts()).isEqualTo(3);
    assertThat(meta.elapsed()).isEqualTo(sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    assertThat(meta.elapsed()).isPositive();
    assertThat(meta.requestId()).contains("req_1");
    assertThat(attempts)
        .extracting(ExecutionListener.AttemptFinished::statusCode)
        .containsExactly(503, 503, 201);
    assertThat(attempts.get(0).response()).isEmpty();
    assertThat(attempts.get(2).response().map(TransportResponse::statusCode)).contains(201);
  }

  @Test
  void asyncCallsCarryTheSameMetadata() throws Exception {
    transport.thenFail(unavailable()).thenSucceed();

    ExecutionResponse response =
        client().withResponse().launchAsync(request()).get(5, TimeUnit.SECONDS);

    assertThat(response.metadata().attempts()).isEqualTo(2);
    assertThat(response.metadata().statusCode()).isEqualTo(201);
  }

  @Test
  void awaitCompletionCountsTheAttemptsOfEveryPoll() throws Exception {
    transport
        .then(id -> execution(id, ExecutionStatus.RUNNING))
        .thenFail(unavailable())
        .then(id -> execution(id, ExecutionStatus.COMPLETED));

    ExecutionResponse response =
        client().withResponse().awaitCompletion("abc", Duration.ofSeconds(30));

    assertThat(response.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(response.metadata().attempts()).isEqualTo(3);
    assertThat(response.metadata().elapsed())
        .isEqualTo(sleeps.stream().reduce(Duration.ZERO, Duration::plus));
  }

  @Test
  void listenersAddHeadersToEachAttemptAlone() {
    transport.thenFail(unavailable()).thenSucceed();
    ExecutionListener tracing =
        new ExecutionListener() {
          @Override
          public void attemptStarted(AttemptStarted event) {
            event.addHeader("traceparent", "00-trace-span" + event.attempt() + "-01");
          }
        };
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .retryPolicy(NO_JITTER)
            .clock(clock)
            .sleeper(clock.sleeper(sleeps))
            .listener(tracing)
            .listener(capture)
            .build();

    client.launch(request(), CallOptions.builder().putHeaders("X-Correlation-Id", "c1").build());

    assertThat(transport.options)
        .extracting(CallOptions::headers)
        .containsExactly(
            java.util.Map.of("X-Correlation-Id", "c1", "traceparent", "00-trace-span1-01"),
            java.util.Map.of("X-Correlation-Id", "c1", "traceparent", "00-trace-span2-01"));
    assertThat(finished).hasSize(1); // the second listener heard the call too
  }

  @Test
  void aListenerCannotAddAHeaderTheSdkOwns() {
    ExecutionListener.AttemptStarted event =
        new ExecutionListener.AttemptStarted(
            1, dev.flowexec.sdk.transport.Operation.LAUNCH, "abc", 1, null);

    assertThatThrownBy(() -> event.addHeader("Authorization", "Bearer x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Bearer x");
    assertThat(event.addedHeaders()).isEmpty();
  }

  @Test
  void eventsTieTogetherByCallIdAndNameTheUrlWithoutUserInfo() {
    List<ExecutionListener.AttemptStarted> started = new CopyOnWriteArrayList<>();
    FlowTransport withUrl =
        new FlowTransport() {
          @Override
          public TransportResponse launch(
              dev.flowexec.sdk.model.LaunchRequest request, CallOptions options) {
            return transport.launch(request, options);
          }

          @Override
          public TransportResponse get(String id, CallOptions options) {
            return transport.get(id, options);
          }

          @Override
          public Optional<URI> baseUrl() {
            return Optional.of(URI.create("https://user:pw@flows.example.com:8443/base/?q=1"));
          }
        };
    transport.thenSucceed().thenSucceed();
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(withUrl)
            .listener(
                new ExecutionListener() {
                  @Override
                  public void attemptStarted(AttemptStarted event) {
                    started.add(event);
                  }
                })
            .listener(capture)
            .build();

    client.launch(request());
    client.get("abc");

    assertThat(started)
        .extracting(e -> e.url().orElseThrow())
        .containsExactly(
            "https://flows.example.com:8443/base/api/v2/flows/executions",
            "https://flows.example.com:8443/base/api/v2/flows/executions/abc");
    assertThat(started.get(0).callId()).isEqualTo(finished.get(0).callId());
    assertThat(started.get(1).callId()).isNotEqualTo(started.get(0).callId());
  }

  @Test
  void headersLookUpInAnyCaseAndHideCredentials() {
    ResponseHeaders headers =
        ResponseHeaders.of(
            "Set-Cookie", "session=s3cr3t", "X-Request-Id", "r1", "x-request-id", "r2");

    assertThat(headers.all("X-REQUEST-ID")).containsExactly("r1", "r2");
    assertThat(headers.asMap()).containsKeys("set-cookie", "x-request-id");
    assertThat(headers.toString()).doesNotContain("s3cr3t").contains("X-Request-Id: r1");
    assertThat(ResponseHeaders.of(java.util.Map.of("A", List.of("1"))))
        .isEqualTo(ResponseHeaders.of("a", "1"));
  }
}
