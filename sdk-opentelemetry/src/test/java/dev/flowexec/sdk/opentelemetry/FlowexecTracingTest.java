package dev.flowexec.sdk.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.transport.CallOptions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real OpenTelemetry SDK, in-memory exporter, a real client against the emulator. */
class FlowexecTracingTest {
  private static final String SECRET = "s3cr3t-" + UUID.randomUUID();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(tracerProvider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private FlowExecutionsEmulator emulator;
  private FlowExecutionsClient client;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("tracing-test", SECRET, Scopes.FLOW_EXECUTE, Scopes.FLOW_EXECUTION_READ)
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start", "End"))
            .start();
    client =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials("tracing-test", SECRET)
                    .build())
            .retryPolicy(
                RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(0).build())
            .listener(FlowexecTracing.create(otel))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
    otel.close();
  }

  private static LaunchRequest request(String flowId) {
    return LaunchRequest.builder()
        .flowId(flowId)
        .participants(Participant.of("user-1", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .build();
  }

  private List<ReceivedRequest> launches() {
    return emulator.requests().stream()
        .filter(r -> r.path().equals("/api/v2/flows/executions"))
        .collect(Collectors.toList());
  }

  @Test
  void aRetriedLaunchIsACallSpanWithOneClientSpanPerAttempt() {
    emulator.faults().next(Fault.status(503));
    LaunchRequest request = request("abc-123");

    client.launch(request);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData call =
        spans.stream().filter(s -> s.getName().equals("flowexec launch")).findFirst().orElseThrow();
    List<SpanData> attempts =
        spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).collect(Collectors.toList());
    assertThat(spans).hasSize(4); // the call, two attempts, the token fetch of the first
    assertThat(call.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(call.getParentSpanContext().isValid()).isFalse();
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(call.getAttributes().get(FlowexecTracing.ATTEMPTS)).isEqualTo(2L);
    assertThat(call.getAttributes().get(FlowexecTracing.FLOW_ID)).isEqualTo("abc-123");
    assertThat(call.getAttributes().get(FlowexecTracing.FLOW_EXECUTION_ID))
        .isEqualTo(request.flowExecutionId());
    assertThat(call.getEvents()).extracting(e -> e.getName()).containsExactly("flowexec.retry");

    assertThat(attempts)
        .hasSize(2)
        .allSatisfy(
            attempt -> {
              assertThat(attempt.getName()).isEqualTo("POST /api/v2/flows/executions");
              assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
              assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
              assertThat(attempt.getAttributes().get(FlowexecTracing.HTTP_REQUEST_METHOD))
                  .isEqualTo("POST");
              assertThat(attempt.getAttributes().get(FlowexecTracing.SERVER_ADDRESS))
                  .isEqualTo("127.0.0.1");
              assertThat(attempt.getAttributes().get(FlowexecTracing.SERVER_PORT))
                  .isEqualTo((long) emulator.port());
              assertThat(attempt.getAttributes().get(FlowexecTracing.URL_FULL))
                  .isEqualTo(
                      URI.create(emulator.baseUrl())
                          .resolve("/api/v2/flows/executions")
                          .toString());
            });
    SpanData first = attempts.get(0);
    SpanData second = attempts.get(1);
    assertThat(first.getAttributes().get(FlowexecTracing.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(503L);
    assertThat(first.getAttributes().get(FlowexecTracing.ERROR_TYPE)).isEqualTo("503");
    assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(first.getAttributes().get(FlowexecTracing.HTTP_REQUEST_RESEND_COUNT)).isNull();
    assertThat(second.getAttributes().get(FlowexecTracing.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(201L);
    assertThat(second.getAttributes().get(FlowexecTracing.HTTP_REQUEST_RESEND_COUNT)).isEqualTo(1L);
    assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    // What the service saw: each attempt carried its own span as the W3C parent.
    assertThat(launches())
        .extracting(r -> r.header("traceparent").orElse("none"))
        .containsExactly(traceparent(first), traceparent(second));
  }

  private static String traceparent(SpanData span) {
    assertThat(span.getSpanContext().isSampled()).isTrue();
    return "00-"
        + span.getTraceId()
        + "-"
        + span.getSpanId()
        + "-"
        + span.getSpanContext().getTraceFlags().asHex();
  }

  @Test
  void aFailedCallIsAnErrorWithTheStatusAndCode() {
    assertThatThrownBy(() -> client.launch(request("no-such-flow")))
        .isInstanceOf(FlowNotFoundException.class);

    SpanData call =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals("flowexec launch"))
            .findFirst()
            .orElseThrow();
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(FlowexecTracing.ERROR_TYPE)).isEqualTo("404");
    assertThat(call.getAttributes().get(FlowexecTracing.ERROR_CODE)).isEqualTo("flow_not_found");
    assertThat(call.getEvents()).anyMatch(e -> e.getName().equals("exception"));
    assertThat(call.getAttributes().get(FlowexecTracing.FLOW_ID)).isEqualTo("no-such-flow");
    assertThat(call.getAttributes().get(FlowexecTracing.FLOW_EXECUTION_ID)).isNotBlank();
    assertThat(exporter.getFinishedSpanItems())
        .filteredOn(s -> s.getKind() == SpanKind.CLIENT)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.getAttributes().get(FlowexecTracing.FLOW_ID))
                  .isEqualTo("no-such-flow");
              assertThat(request.getAttributes().get(FlowexecTracing.ERROR_TYPE)).isEqualTo("404");
              assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            });
  }

  private String lastBearer() {
    List<ReceivedRequest> requests = emulator.requests();
    for (int i = requests.size() - 1; i >= 0; i--) {
      String auth = requests.get(i).header("Authorization").orElse("");
      if (auth.startsWith("Bearer ")) {
        return auth.substring("Bearer ".length());
      }
    }
    throw new AssertionError("no request carried a bearer token");
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRefusedTokenIsOneClientSpanPerRequestEachWithItsOwnTraceparent(boolean async)
      throws Exception {
    client.launch(request("abc-123"));
    assertThat(emulator.expireToken(lastBearer())).isTrue();
    exporter.reset();
    int before = launches().size();
    LaunchRequest request = request("abc-123");

    if (async) {
      client.launchAsync(request).get(10, TimeUnit.SECONDS);
    } else {
      client.launch(request); // 401 invalid_token, a new token, the same attempt sent again
    }

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData call =
        spans.stream().filter(s -> s.getName().equals("flowexec launch")).findFirst().orElseThrow();
    List<SpanData> requests =
        spans.stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT)
            .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
            .collect(Collectors.toList());
    assertThat(call.getAttributes().get(FlowexecTracing.ATTEMPTS)).isEqualTo(1L);
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(requests)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.getParentSpanId()).isEqualTo(call.getSpanId());
              assertThat(r.getAttributes().get(FlowexecTracing.FLOW_ID)).isEqualTo("abc-123");
            });
    SpanData refused = requests.get(0);
    SpanData resent = requests.get(1);
    assertThat(refused.getAttributes().get(FlowexecTracing.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(401L);
    assertThat(refused.getAttributes().get(FlowexecTracing.ERROR_TYPE)).isEqualTo("401");
    assertThat(refused.getAttributes().get(FlowexecTracing.ERROR_CODE)).isEqualTo("invalid_token");
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(refused.getAttributes().get(FlowexecTracing.HTTP_REQUEST_RESEND_COUNT)).isNull();
    assertThat(resent.getAttributes().get(FlowexecTracing.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(201L);
    assertThat(resent.getAttributes().get(FlowexecTracing.HTTP_REQUEST_RESEND_COUNT)).isEqualTo(1L);
    assertThat(resent.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(resent.getStartEpochNanos()).isGreaterThanOrEqualTo(refused.getEndEpochNanos());
    assertThat(spans)
        .filteredOn(s -> s.getName().equals(FlowexecTracing.TOKEN_FETCH))
        .singleElement()
        .satisfies(
            fetch -> {
              assertThat(fetch.getAttributes().get(FlowexecTracing.TOKEN_FORCED_REFRESH)).isTrue();
              assertThat(fetch.getParentSpanId()).isEqualTo(refused.getSpanId());
            });

    // What the service saw: each request carried its own span as the W3C parent.
    assertThat(launches().subList(before, launches().size()))
        .extracting(r -> r.header("traceparent").orElse("none"))
        .containsExactly(traceparent(refused), traceparent(resent));
  }

  @Test
  void theResendCountCountsEveryRequestOfTheCallRetriesAndResendsAlike() {
    ExecutionListener expireBeforeTheRetry =
        new ExecutionListener() {
          @Override
          public void retryScheduled(RetryScheduled retry) {
            assertThat(emulator.expireToken(lastBearer())).isTrue();
          }
        };
    try (FlowExecutionsClient expiring =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials("tracing-test", SECRET)
                    .build())
            .retryPolicy(
                RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(0).build())
            .listener(FlowexecTracing.create(otel))
            .listener(expireBeforeTheRetry)
            .build()) {
      emulator.faults().next(Fault.status(503));

      expiring.launch(request("abc-123")); // 503; retried: 401, sent again: 201
    }

    List<SpanData> requests =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT)
            .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
            .collect(Collectors.toList());
    assertThat(requests)
        .extracting(
            r ->
                r.getAttributes().get(FlowexecTracing.HTTP_RESPONSE_STATUS_CODE)
                    + " "
                    + r.getAttributes().get(FlowexecTracing.HTTP_REQUEST_RESEND_COUNT))
        .containsExactly("503 null", "401 1", "201 2");
    assertThat(launches())
        .extracting(r -> r.header("traceparent").orElse("none"))
        .containsExactlyElementsOf(
            requests.stream().map(FlowexecTracingTest::traceparent).collect(Collectors.toList()));
  }

  @Test
  void aDeadlineIsAnErrorOnTheCallAndOnTheRequestItAbandoned() {
    emulator.faults().next(Fault.slowResponse(Duration.ofSeconds(3)));

    assertThatThrownBy(
            () -> client.launch(request("abc-123"), CallOptions.ofTimeout(Duration.ofMillis(300))))
        .isInstanceOf(DeadlineExceededException.class);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData call =
        spans.stream().filter(s -> s.getName().equals("flowexec launch")).findFirst().orElseThrow();
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(FlowexecTracing.ERROR_TYPE))
        .isEqualTo(DeadlineExceededException.class.getName());
    assertThat(call.getAttributes().get(FlowexecTracing.ERROR_CODE)).isEqualTo("deadline_exceeded");
    assertThat(call.getAttributes().get(FlowexecTracing.FLOW_ID)).isEqualTo("abc-123");
    assertThat(spans)
        .filteredOn(s -> s.getKind() == SpanKind.CLIENT)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(r.getAttributes().get(FlowexecTracing.ERROR_TYPE)).isNotBlank();
              assertThat(r.getAttributes().get(FlowexecTracing.HTTP_RESPONSE_STATUS_CODE)).isNull();
            });
  }

  @Test
  void aDroppedConnectionIsAnErrorTypedByTheIoFailure() {
    try (FlowExecutionsClient once =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials("tracing-test", SECRET)
                    .build())
            .retryPolicy(RetryPolicy.none())
            .listener(FlowexecTracing.create(otel))
            .build()) {
      // Twice: a drop on a reused connection is sent again at once on a fresh one, which drops too.
      emulator.faults().next(2, Fault.dropConnectionBeforeProcessing());

      assertThatThrownBy(() -> once.launch(request("abc-123")))
          .isInstanceOf(TransportException.class);
    }

    List<SpanData> spans = exporter.getFinishedSpanItems();
    List<SpanData> failed =
        spans.stream()
            .filter(s -> s.getName().equals("flowexec launch") || s.getKind() == SpanKind.CLIENT)
            .collect(Collectors.toList());
    assertThat(failed).hasSizeGreaterThanOrEqualTo(2);
    for (SpanData span : failed) {
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getAttributes().get(FlowexecTracing.ERROR_TYPE))
          .endsWith("Exception")
          .doesNotStartWith("dev.flowexec");
      assertThat(span.getAttributes().get(FlowexecTracing.ERROR_CODE)).isEqualTo("transport_error");
    }
  }

  @Test
  void aCancelledCallIsAnError() throws Exception {
    emulator.faults().next(Fault.slowResponse(Duration.ofSeconds(3)));
    CompletableFuture<FlowExecution> launch = client.launchAsync(request("abc-123"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (launches().isEmpty() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }

    launch.cancel(true);

    SpanData call = awaitSpan("flowexec launch");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(FlowexecTracing.ERROR_TYPE))
        .isEqualTo(CancellationException.class.getName());
    assertThat(exporter.getFinishedSpanItems())
        .filteredOn(s -> s.getKind() == SpanKind.CLIENT)
        .singleElement()
        .satisfies(r -> assertThat(r.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
  }

  private SpanData awaitSpan(String name) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < until) {
      for (SpanData span : exporter.getFinishedSpanItems()) {
        if (span.getName().equals(name)) {
          return span;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no span " + name + " ended");
  }

  @Test
  @SuppressWarnings("try") // the scope is there only to make the parent span current
  void anAsyncCallKeepsTheCallersContext() throws Exception {
    Span parent = otel.getTracer("test").spanBuilder("webhook").startSpan();
    String id;
    try (Scope ignored = parent.makeCurrent()) {
      id = client.launchAsync(request("abc-123")).get(10, TimeUnit.SECONDS).flowExecutionId();
    } finally {
      parent.end();
    }
    client.getAsync(id).get(10, TimeUnit.SECONDS); // outside the scope: a trace of its own

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData launch =
        spans.stream().filter(s -> s.getName().equals("flowexec launch")).findFirst().orElseThrow();
    SpanData get =
        spans.stream().filter(s -> s.getName().equals("flowexec get")).findFirst().orElseThrow();
    assertThat(launch.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(launch.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(get.getTraceId()).isNotEqualTo(parent.getSpanContext().getTraceId());
    assertThat(spans)
        .filteredOn(s -> s.getName().startsWith("GET "))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getName())
                    .isEqualTo("GET /api/v2/flows/executions/{flow_execution_id}"));
  }

  @Test
  void aTokenFetchIsASpanUnderTheAttemptThatNeededItAndACachedTokenIsNone() {
    client.launch(request("abc-123"));
    client.launch(request("abc-123"));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData attempt =
        spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(spans)
        .filteredOn(s -> s.getName().equals(FlowexecTracing.TOKEN_FETCH))
        .singleElement()
        .satisfies(
            fetch -> {
              assertThat(fetch.getKind()).isEqualTo(SpanKind.INTERNAL);
              assertThat(fetch.getParentSpanId()).isEqualTo(attempt.getSpanId());
              assertThat(fetch.getTraceId()).isEqualTo(attempt.getTraceId());
              assertThat(fetch.getStartEpochNanos())
                  .isBetween(attempt.getStartEpochNanos(), fetch.getEndEpochNanos());
              assertThat(fetch.getEndEpochNanos()).isLessThanOrEqualTo(attempt.getEndEpochNanos());
              assertThat(fetch.getAttributes().get(FlowexecTracing.TOKEN_FORCED_REFRESH)).isFalse();
              assertThat(fetch.getAttributes().get(FlowexecTracing.SERVER_ADDRESS))
                  .isEqualTo("127.0.0.1");
              assertThat(fetch.getAttributes().get(FlowexecTracing.SERVER_PORT))
                  .isEqualTo((long) emulator.port());
              assertThat(fetch.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            });
  }

  @Test
  void aRefusedTokenFetchIsAnErrorSpanWithTheOAuthCode() {
    try (FlowExecutionsClient wrongSecret =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials("tracing-test", "not-the-" + SECRET)
                    .build())
            .listener(FlowexecTracing.create(otel))
            .build()) {
      assertThatThrownBy(() -> wrongSecret.launch(request("abc-123")))
          .isInstanceOf(AuthenticationException.class);
    }

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .filteredOn(s -> s.getName().equals(FlowexecTracing.TOKEN_FETCH))
        .singleElement()
        .satisfies(
            fetch -> {
              assertThat(fetch.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(fetch.getAttributes().get(FlowexecTracing.ERROR_TYPE)).isEqualTo("401");
              assertThat(fetch.getAttributes().get(FlowexecTracing.HTTP_RESPONSE_STATUS_CODE))
                  .isEqualTo(401L);
              assertThat(fetch.getAttributes().get(FlowexecTracing.ERROR_CODE))
                  .isEqualTo("invalid_client");
            });
    assertThat(spans.toString()).doesNotContain(SECRET);
  }

  @Test
  void noSpanCarriesASecretOrToken() {
    client.launch(request("abc-123"));

    String all = exporter.getFinishedSpanItems().toString();
    assertThat(all).doesNotContain(SECRET).doesNotContain("Bearer").doesNotContain("Basic ");
    emulator
        .requests()
        .forEach(
            r ->
                r.header("Authorization")
                    .ifPresent(
                        auth ->
                            assertThat(all).doesNotContain(auth.substring(auth.indexOf(' ') + 1))));
  }

  @Test
  void aSamplerSeesTheHttpAttributesAtCreationAndAnUnsampledTraceStillPropagates() {
    List<Attributes> sampledOn = new CopyOnWriteArrayList<>();
    Sampler dropAll =
        new Sampler() {
          @Override
          public SamplingResult shouldSample(
              Context parentContext,
              String traceId,
              String name,
              SpanKind spanKind,
              Attributes attributes,
              List<LinkData> parentLinks) {
            if (spanKind == SpanKind.CLIENT) {
              sampledOn.add(attributes);
            }
            return SamplingResult.drop();
          }

          @Override
          public String getDescription() {
            return "drop all";
          }
        };
    InMemorySpanExporter dropped = InMemorySpanExporter.create();
    try (OpenTelemetrySdk unsampled =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .setSampler(dropAll)
                        .addSpanProcessor(SimpleSpanProcessor.create(dropped))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        FlowExecutionsClient traced =
            FlowExecutionsClient.builder()
                .transport(
                    RetrofitTransport.builder()
                        .baseUrl(emulator.baseUrl())
                        .credentials("tracing-test", SECRET)
                        .build())
                .retryPolicy(
                    RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(0).build())
                .listener(FlowexecTracing.create(unsampled))
                .build()) {
      emulator.faults().next(Fault.status(503));

      traced.launch(request("abc-123"));
    }

    // The conventions' sampling attributes are there when the sampler decides, for each request.
    assertThat(sampledOn)
        .hasSize(2)
        .allSatisfy(
            attributes -> {
              assertThat(attributes.get(FlowexecTracing.HTTP_REQUEST_METHOD)).isEqualTo("POST");
              assertThat(attributes.get(FlowexecTracing.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
              assertThat(attributes.get(FlowexecTracing.SERVER_PORT))
                  .isEqualTo((long) emulator.port());
              assertThat(attributes.get(FlowexecTracing.URL_FULL))
                  .isEqualTo(
                      URI.create(emulator.baseUrl())
                          .resolve("/api/v2/flows/executions")
                          .toString());
            });
    assertThat(dropped.getFinishedSpanItems()).isEmpty();
    // The service still continues the (unsampled) trace, from a new span id per request.
    List<String> sent =
        launches().stream()
            .map(r -> r.header("traceparent").orElse("none"))
            .collect(Collectors.toList());
    assertThat(sent)
        .hasSize(2)
        .allSatisfy(h -> assertThat(h).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"))
        .doesNotHaveDuplicates();
    assertThat(sent.get(0).substring(0, 35)).isEqualTo(sent.get(1).substring(0, 35));
  }
}
