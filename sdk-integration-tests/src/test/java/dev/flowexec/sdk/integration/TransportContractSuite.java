package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.ExecutionResponse;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.ResponseMetadata;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.ExecutionNotFoundException;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.FlowNotPublishedException;
import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.RequestTooLargeException;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.integration.support.RawHttp;
import dev.flowexec.sdk.integration.support.RecordingListener;
import dev.flowexec.sdk.integration.support.RecordingSleeper;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.testing.Execution;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import dev.flowexec.sdk.testing.TestClock;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.SdkVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wire contract (shared/CONTRACT.md) case by case, run end to end: a {@link
 * FlowExecutionsClient} over the transport a subclass makes, against the emulator. Every failure is
 * checked for its type, {@code statusCode()} and {@code errorCode()}, and every case for what the
 * emulator ended up with (executions, launch attempts, requests).
 *
 * <p>The client never really sleeps: its sleeper records the delays it asks for (so that {@code
 * Retry-After} can be checked) and returns at once.
 *
 * <p>A subclass makes the transport from the emulator's base URL and a fixed access token; a
 * transport with its own client-credentials grant extends {@link CredentialsContractSuite}, which
 * adds the grant's cases.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TransportContractSuite {
  /** A retry policy whose delays are short; the recording sleeper makes them free anyway. */
  protected static final RetryPolicy RETRIES =
      RetryPolicy.builder()
          .maxAttempts(4)
          .initialBackoff(Duration.ofMillis(10))
          .maxBackoff(Duration.ofMillis(100))
          .build();

  protected String secret;
  protected FlowExecutionsEmulator emulator;

  /** A token with every scope the contract's two operations need. */
  protected String token;

  protected RecordingListener listener;
  protected RecordingSleeper sleeper;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /**
   * Makes the transport under test.
   *
   * @param baseUrl the API's base URL, {@code http://127.0.0.1:<port>}
   * @param accessToken a fixed bearer token
   * @return the transport
   */
  protected abstract FlowTransport newTransport(String baseUrl, String accessToken);

  @BeforeEach
  void startEmulator() {
    secret = TestFlows.newSecret();
    emulator =
        TestFlows.emulator(secret, Clock.systemUTC())
            .lifecycle(Duration.ofMinutes(10), Duration.ofMinutes(10))
            .start();
    token = emulator.issueToken(Set.of("flow:execute", "flow:execution:read"));
    listener = new RecordingListener();
    sleeper = new RecordingSleeper();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    emulator.close();
  }

  /** A client over a fixed-token transport to the emulator, with {@link #RETRIES}. */
  protected FlowExecutionsClient client() {
    return client(RETRIES);
  }

  protected FlowExecutionsClient client(RetryPolicy policy) {
    return client(newTransport(emulator.baseUrl(), token), policy);
  }

  protected FlowExecutionsClient client(FlowTransport transport, RetryPolicy policy) {
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .retryPolicy(policy)
            .timeout(Duration.ofSeconds(20))
            .listener(listener)
            .sleeper(sleeper)
            .build();
    closeables.add(client);
    return client;
  }

  /** Runs a call that must fail, and returns its failure as {@code type}. */
  protected <T extends Throwable> T failure(Class<T> type, Runnable call) {
    T failure = catchThrowableOfType(type, call::run);
    assertThat(failure).as("the call should have failed with " + type.getSimpleName()).isNotNull();
    assertThat(failure.toString() + failure.getMessage())
        .doesNotContain(token)
        .doesNotContain(secret);
    return failure;
  }

  static void assertApiFailure(FlowApiException failure, Class<?> type, int status, String code) {
    assertThat(failure).isExactlyInstanceOf(type);
    assertThat(failure.statusCode()).as("statusCode()").isEqualTo(status);
    assertThat(failure.errorCode()).as("errorCode()").isEqualTo(code);
  }

  private List<ReceivedRequest> launches() {
    return emulator.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/api/v2/flows/executions"))
        .collect(Collectors.toList());
  }

  // ---------------------------------------------------------------- 201, 200 replay, 422, 409

  @Test
  void launch_201_returns_the_new_execution_with_its_self_uri() {
    LaunchRequest request = TestFlows.request();

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(execution.flowId()).isEqualTo(TestFlows.FLOW);
    assertThat(execution.flowVersion()).contains("2"); // the latest published version
    assertThat(execution.status()).isEqualTo(ExecutionStatus.QUEUED);
    assertThat(execution.channelType()).contains(Channel.WEB);
    assertThat(execution.selfUri())
        .contains("/api/v2/flows/executions/" + request.flowExecutionId());
    assertThat(execution.createdAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(1);

    ReceivedRequest sent = launches().get(0);
    assertThat(sent.header("Idempotency-Key")).contains("\"" + request.flowExecutionId() + "\"");
    assertThat(sent.header("Authorization")).contains("Bearer " + token);
    assertThat(sent.header("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(sent.headers().get("user-agent")).containsExactly(SdkVersion.userAgent());
    Execution stored = emulator.execution(request.flowExecutionId()).orElseThrow();
    assertThat(stored.flowVersion()).isEqualTo("2");
    assertThat(stored.channelType()).isEqualTo("web");
    assertThat(stored.launchBody()).contains("\"order_id\":\"42\"");
  }

  @Test
  void launch_with_version_and_start_node_runs_that_version() {
    LaunchRequest request =
        TestFlows.request()
            .withFlowVersion("1")
            .withStartNode("Greet")
            .withName("order 42 follow-up");

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowVersion()).contains("1");
    assertThat(execution.name()).contains("order 42 follow-up");
    assertThat(emulator.execution(request.flowExecutionId()).orElseThrow().flowVersion())
        .isEqualTo("1");
  }

  @Test
  void replay_200_returns_the_same_execution_and_starts_nothing() {
    FlowExecutionsClient client = client();
    LaunchRequest request = TestFlows.request();

    FlowExecution first = client.launch(request);
    FlowExecution again = client.launch(request);

    assertThat(again.flowExecutionId()).isEqualTo(first.flowExecutionId());
    assertThat(again.createdAt()).isEqualTo(first.createdAt());
    assertThat(again.flowVersion()).isEqualTo(first.flowVersion());
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(2);
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void reused_key_with_another_body_is_422_idempotency_key_reused_and_not_retried() {
    FlowExecutionsClient client = client();
    LaunchRequest request = TestFlows.request();
    client.launch(request);

    IdempotencyConflictException failure =
        failure(
            IdempotencyConflictException.class,
            () -> client.launch(request.withName("another body, same id")));

    assertApiFailure(failure, IdempotencyConflictException.class, 422, "idempotency_key_reused");
    assertThat(failure.isInProgress()).isFalse();
    assertThat(failure.requestId()).isPresent();
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(2);
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void launch_in_progress_409_is_retried_until_the_first_launch_finishes() throws Exception {
    LaunchRequest request = TestFlows.request();
    FlowExecutionsClient first = client();
    emulator.holdLaunches();
    CompletableFuture<FlowExecution> held = first.launchAsync(request);
    assertThat(emulator.awaitHeldLaunches(1, Duration.ofSeconds(10))).isTrue();

    // The second caller's first retry waits until the held launch has finished.
    sleeper.onSleep(
        () -> {
          emulator.releaseLaunches();
          held.join();
        });
    FlowExecution second = client().launch(request);

    FlowExecution original = held.get(10, TimeUnit.SECONDS);
    assertThat(second.flowExecutionId()).isEqualTo(original.flowExecutionId());
    assertThat(second.createdAt()).isEqualTo(original.createdAt());
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(listener.retries())
        .isNotEmpty()
        .allSatisfy(
            retry -> {
              assertApiFailure(
                  retry.cause, IdempotencyConflictException.class, 409, "request_in_progress");
              assertThat(((IdempotencyConflictException) retry.cause).isInProgress()).isTrue();
            });
  }

  @Test
  void launch_in_progress_409_without_retries_is_typed() throws Exception {
    LaunchRequest request = TestFlows.request();
    emulator.holdLaunches();
    CompletableFuture<FlowExecution> held = client().launchAsync(request);
    assertThat(emulator.awaitHeldLaunches(1, Duration.ofSeconds(10))).isTrue();

    IdempotencyConflictException failure =
        failure(
            IdempotencyConflictException.class, () -> client(RetryPolicy.none()).launch(request));

    assertApiFailure(failure, IdempotencyConflictException.class, 409, "request_in_progress");
    assertThat(failure.isInProgress()).isTrue();
    emulator.releaseLaunches();
    assertThat(held.get(10, TimeUnit.SECONDS).flowExecutionId())
        .isEqualTo(request.flowExecutionId());
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- 400, build-time validation

  @Test
  void unknown_start_node_is_400_invalid_request_with_field_errors() {
    LaunchRequest request = TestFlows.request().withStartNode("start"); // nodes are case-sensitive

    InvalidRequestException failure =
        failure(InvalidRequestException.class, () -> client().launch(request));

    assertApiFailure(failure, InvalidRequestException.class, 400, "invalid_request");
    assertThat(failure.fieldErrors())
        .extracting(FieldError::field, FieldError::issue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("start_node", "unknown_node"));
    assertThat(failure.getMessage()).contains("start_node");
    assertThat(failure.requestId()).isPresent();
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(1);
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void a_request_the_contract_refuses_is_caught_at_build_time_and_never_sent() {
    RequestValidationException failure =
        catchThrowableOfType(
            RequestValidationException.class,
            () ->
                LaunchRequest.builder()
                    .flowId("abc 123")
                    .participants(Participant.of("user-456", Role.USER, Channel.VOICE))
                    .channelType(Channel.WEB)
                    .build());

    assertThat(failure).isNotNull();
    assertThat(failure.fieldErrors())
        .extracting(FieldError::field, FieldError::issue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("flow_id", "invalid_format"),
            org.assertj.core.groups.Tuple.tuple("channel_type", "not_allowed"));
    assertThat(emulator.requestCount()).isZero();
  }

  // ---------------------------------------------------------------- 404, 409 flow_not_published

  @Test
  void unknown_flow_is_404_flow_not_found() {
    LaunchRequest request = TestFlows.request("no-such-flow");

    FlowNotFoundException failure =
        failure(FlowNotFoundException.class, () -> client().launch(request));

    assertApiFailure(failure, FlowNotFoundException.class, 404, "flow_not_found");
    assertThat(failure.requestId()).isPresent();
    assertThat(emulator.executionCount()).isZero();
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void unknown_version_is_404_flow_not_found() {
    LaunchRequest request = TestFlows.request().withFlowVersion("99");

    FlowNotFoundException failure =
        failure(FlowNotFoundException.class, () -> client().launch(request));

    assertApiFailure(failure, FlowNotFoundException.class, 404, "flow_not_found");
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void unpublished_flow_is_409_flow_not_published_and_not_retried() {
    LaunchRequest request = TestFlows.request(TestFlows.DRAFT_FLOW);

    FlowNotPublishedException failure =
        failure(FlowNotPublishedException.class, () -> client().launch(request));

    assertApiFailure(failure, FlowNotPublishedException.class, 409, "flow_not_published");
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(1);
    assertThat(listener.retries()).isEmpty();
  }

  // ---------------------------------------------------------------- 413

  /**
   * {@code input_data} is capped at 256 KiB, but {@code start_node} and {@code flow_version} have
   * no length limit in the contract, so a request just over 1 MiB passes {@code build()} and the
   * service answers {@code 413}.
   */
  @Test
  void body_over_1_mib_is_413_request_too_large_and_not_retried() {
    LaunchRequest request = TestFlows.request().withStartNode("N".repeat(1024 * 1024));
    assertThat(FlowJsonCodec.writeLaunchRequest(request).length).isGreaterThan(1024 * 1024);

    RequestTooLargeException failure =
        failure(RequestTooLargeException.class, () -> client().launch(request));

    assertApiFailure(failure, RequestTooLargeException.class, 413, "request_too_large");
    assertThat(failure.requestId()).isPresent();
    assertThat(listener.retries()).isEmpty();
    assertThat(emulator.executionCount()).isZero();
    List<ReceivedRequest> sent = launches();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).bodySize()).isGreaterThan(1024 * 1024);
  }

  /** The emulator's 413 to a raw body, served byte for byte to the transport, maps the same. */
  @Test
  void raw_413_from_the_emulator_maps_to_request_too_large() throws Exception {
    byte[] tooLarge = new byte[1024 * 1024 + 1];
    Arrays.fill(tooLarge, (byte) ' ');
    RawHttp.Received answer =
        RawHttp.post(
            emulator.baseUrl() + "/api/v2/flows/executions",
            "Bearer " + token,
            "application/json",
            tooLarge);
    assertThat(answer.status).isEqualTo(413);
    assertThat(answer.bodyText()).contains("\"request_too_large\"");

    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(answer.toMockResponse());
      server.start();
      FlowExecutionsClient client = client(newTransport(baseUrl(server), token), RETRIES);
      RequestTooLargeException failure =
          failure(RequestTooLargeException.class, () -> client.launch(TestFlows.request()));
      assertApiFailure(failure, RequestTooLargeException.class, 413, "request_too_large");
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
    assertThat(emulator.executionCount()).isZero();
  }

  // ---------------------------------------------------------------- 429

  @Test
  void rate_limited_429_with_delay_seconds_is_retried_after_retry_after() {
    emulator
        .faults()
        .next(1, Fault.rateLimited(Duration.ofSeconds(2), RetryAfterFormat.DELAY_SECONDS));
    LaunchRequest request = TestFlows.request();

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(listener.retries()).hasSize(1);
    RecordingListener.Retry retry = listener.retries().get(0);
    assertApiFailure(retry.cause, RateLimitedException.class, 429, "rate_limited");
    assertThat(retry.cause.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(retry.delay).isEqualTo(Duration.ofSeconds(2));
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(2);
  }

  @Test
  void rate_limited_429_with_an_http_date_is_retried_after_retry_after() {
    emulator.faults().next(1, Fault.rateLimited(Duration.ofSeconds(3), RetryAfterFormat.HTTP_DATE));
    LaunchRequest request = TestFlows.request();

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(listener.retries()).hasSize(1);
    RecordingListener.Retry retry = listener.retries().get(0);
    assertApiFailure(retry.cause, RateLimitedException.class, 429, "rate_limited");
    // An IMF-fixdate has whole seconds: "now + 3 s" read back a moment later is 2 to 3 s away.
    assertThat(retry.cause.retryAfter())
        .hasValueSatisfying(
            d -> assertThat(d).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(3)));
    assertThat(retry.delay).isGreaterThanOrEqualTo(retry.cause.retryAfter().get());
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void rate_limited_429_that_outlasts_the_retries_is_typed() {
    emulator
        .faults()
        .next(4, Fault.rateLimited(Duration.ofSeconds(1), RetryAfterFormat.DELAY_SECONDS));
    LaunchRequest request = TestFlows.request();

    RateLimitedException failure =
        failure(RateLimitedException.class, () -> client().launch(request));

    assertApiFailure(failure, RateLimitedException.class, 429, "rate_limited");
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(listener.retries()).hasSize(3);
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(4);
  }

  // ---------------------------------------------------------------- success metadata

  @Test
  void a_new_launch_says_201_not_replayed_with_the_services_request_id() {
    LaunchRequest request = TestFlows.request();

    ExecutionResponse response = client().withResponse().launch(request);

    ResponseMetadata meta = response.metadata();
    assertThat(meta.statusCode()).isEqualTo(201);
    assertThat(meta.replayed()).isFalse();
    assertThat(meta.attempts()).isEqualTo(1);
    assertThat(meta.elapsed()).isPositive();
    assertThat(meta.requestId()).contains(launches().get(0).requestId());
    assertThat(meta.headers().first("Location"))
        .contains("/api/v2/flows/executions/" + request.flowExecutionId());
    assertThat(response.execution().flowExecutionId()).isEqualTo(request.flowExecutionId());
  }

  @Test
  void launching_the_same_request_again_says_200_replayed() {
    LaunchRequest request = TestFlows.request();
    client().launch(request);

    ResponseMetadata meta = client().withResponse().launch(request).metadata();

    assertThat(meta.statusCode()).isEqualTo(200);
    assertThat(meta.replayed()).isTrue();
    assertThat(meta.requestId()).contains(launches().get(1).requestId());
    assertThat(meta.headers().first("Idempotent-Replayed")).contains("true");
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void a_retried_launch_counts_its_attempts_and_quotes_the_last_request_id() {
    emulator.faults().next(Fault.status(503)).next(Fault.status(500));
    LaunchRequest request = TestFlows.request();

    ResponseMetadata meta = client().withResponse().launch(request).metadata();

    assertThat(meta.attempts()).isEqualTo(3);
    assertThat(meta.statusCode()).isEqualTo(201);
    assertThat(meta.replayed()).isFalse();
    assertThat(meta.requestId()).contains(launches().get(2).requestId());
  }

  @Test
  void a_launch_retried_after_its_response_was_lost_says_replayed() {
    emulator.faults().next(Fault.dropConnectionAfterProcessing());
    LaunchRequest request = TestFlows.request();

    ResponseMetadata meta = client().withResponse().launch(request).metadata();

    assertThat(meta.attempts()).isEqualTo(2);
    assertThat(meta.statusCode()).isEqualTo(200);
    assertThat(meta.replayed()).as("the first attempt started it").isTrue();
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void reads_and_async_calls_carry_metadata_too() throws Exception {
    LaunchRequest request = TestFlows.request();
    FlowExecutionsClient client = client();
    ResponseMetadata launched =
        client.withResponse().launchAsync(request).get(10, TimeUnit.SECONDS).metadata();
    ResponseMetadata read = client.withResponse().get(request.flowExecutionId()).metadata();

    assertThat(launched.statusCode()).isEqualTo(201);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.replayed()).isFalse();
    assertThat(read.requestId()).isPresent();
  }

  @Test
  void headers_a_listener_adds_go_out_on_that_attempt_alone() {
    emulator.faults().next(Fault.status(503));
    LaunchRequest request = TestFlows.request();
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(newTransport(emulator.baseUrl(), token))
            .retryPolicy(RETRIES)
            .sleeper(sleeper)
            .listener(
                new ExecutionListener() {
                  @Override
                  public void attemptStarted(AttemptStarted attempt) {
                    attempt.addHeader(
                        "X-Attempt", "call-" + attempt.callId() + "-" + attempt.attempt());
                  }
                })
            .build();
    closeables.add(client);

    client.launch(request, CallOptions.builder().putHeaders("X-Correlation-Id", "c-1").build());

    assertThat(launches())
        .extracting(r -> r.header("X-Attempt").orElse("none"))
        .hasSize(2)
        .allMatch(v -> v.startsWith("call-"))
        .extracting(v -> v.substring(v.lastIndexOf('-') + 1))
        .containsExactly("1", "2");
    assertThat(launches())
        .allSatisfy(r -> assertThat(r.header("X-Correlation-Id")).contains("c-1"));
  }

  @Test
  void a_user_agent_of_the_callers_replaces_the_sdks() {
    FlowExecutionsClient client = client();
    LaunchRequest request = TestFlows.request();

    client.launch(request, CallOptions.builder().putHeaders("User-Agent", "shop/7").build());
    client.get(request.flowExecutionId());

    assertThat(emulator.requests())
        .extracting(r -> r.headers().get("user-agent"))
        .containsExactly(List.of("shop/7"), List.of(SdkVersion.userAgent()));
  }

  // ---------------------------------------------------------------- 5xx

  @Test
  void server_errors_500_503_504_are_retried_and_start_one_execution() {
    emulator.faults().next(Fault.status(500)).next(Fault.status(503)).next(Fault.emptyBody(504));
    LaunchRequest request = TestFlows.request();

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(listener.retries())
        .extracting(r -> RecordingListener.causeKey(r.cause))
        .containsExactly(
            "ServerException 500 server_error",
            "ServerException 503 unavailable",
            "ServerException 504 server_error");
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(4);
  }

  @Test
  void server_error_that_outlasts_the_retries_is_typed() {
    emulator.faults().next(4, Fault.status(503));

    ServerException failure =
        failure(ServerException.class, () -> client().launch(TestFlows.request()));

    assertApiFailure(failure, ServerException.class, 503, "unavailable");
    assertThat(failure.requestId()).isPresent();
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void html_502_from_a_proxy_is_retried() {
    emulator.faults().next(Fault.htmlBadGateway());
    LaunchRequest request = TestFlows.request();

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(listener.retries()).hasSize(1);
    assertApiFailure(listener.retries().get(0).cause, ServerException.class, 502, "server_error");
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void html_502_without_retries_is_a_server_exception_that_says_what_came() {
    emulator.faults().next(Fault.htmlBadGateway());

    ServerException failure =
        failure(
            ServerException.class, () -> client(RetryPolicy.none()).launch(TestFlows.request()));

    assertApiFailure(failure, ServerException.class, 502, "server_error");
    assertThat(failure.getMessage()).contains("text/html");
    assertThat(emulator.executionCount()).isZero();
  }

  // ---------------------------------------------------------------- dropped connections

  @Test
  void connection_dropped_after_the_launch_was_recorded_is_retried_into_the_same_execution() {
    emulator.faults().next(Fault.dropConnectionAfterProcessing());
    LaunchRequest request = TestFlows.request();

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(listener.retries()).hasSize(1);
    FlowApiException cause = listener.retries().get(0).cause;
    assertApiFailure(cause, TransportException.class, 0, "transport_error");
    assertThat(((TransportException) cause).requestMayHaveBeenSent()).isTrue();
    assertThat(emulator.executionCount()).as("exactly one execution").isEqualTo(1);
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(2);
  }

  @Test
  void connection_dropped_before_processing_is_retried() {
    emulator.faults().next(Fault.dropConnectionBeforeProcessing());
    LaunchRequest request = TestFlows.request();

    FlowExecution execution = client().launch(request);

    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertApiFailure(
        listener.retries().get(0).cause, TransportException.class, 0, "transport_error");
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- GET, lifecycle

  @Test
  void get_200_returns_the_execution_and_404_is_execution_not_found() {
    FlowExecutionsClient client = client();
    FlowExecution launched = client.launch(TestFlows.request());

    FlowExecution read = client.get(launched.flowExecutionId());

    assertThat(read.flowExecutionId()).isEqualTo(launched.flowExecutionId());
    assertThat(read.flowId()).isEqualTo(launched.flowId());
    assertThat(read.createdAt()).isEqualTo(launched.createdAt());
    assertThat(read.selfUri()).isEqualTo(launched.selfUri());

    String unknown = UUID.randomUUID().toString();
    ExecutionNotFoundException failure =
        failure(ExecutionNotFoundException.class, () -> client.get(unknown));
    assertApiFailure(failure, ExecutionNotFoundException.class, 404, "execution_not_found");
    assertThat(failure.requestId()).isPresent();
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void await_completion_follows_the_lifecycle_on_the_emulators_clock() {
    TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
    RecordingSleeper movingSleeper = new RecordingSleeper(clock);
    try (FlowExecutionsEmulator timed =
        TestFlows.emulator(secret, clock)
            .lifecycle(Duration.ofSeconds(2), Duration.ofSeconds(3))
            .start()) {
      String timedToken = timed.issueToken(Set.of("flow:execute"));
      FlowExecutionsClient client =
          FlowExecutionsClient.builder()
              .transport(newTransport(timed.baseUrl(), timedToken))
              .clock(clock)
              .sleeper(movingSleeper)
              .build();
      closeables.add(client);

      FlowExecution launched = client.launch(TestFlows.request());
      assertThat(launched.status()).isEqualTo(ExecutionStatus.QUEUED);
      FlowExecution done =
          client.awaitCompletion(launched.flowExecutionId(), Duration.ofMinutes(1));

      assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(done.outputData()).contains(Map.of("answer", "yes", "score", 42L));
      assertThat(done.completedAt()).contains(Instant.parse("2026-11-28T10:00:05Z"));
      assertThat(done.error()).isEmpty();
      Duration waited = movingSleeper.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
      assertThat(waited).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
      assertThat(timed.execution(launched.flowExecutionId()).orElseThrow().status())
          .isEqualTo("COMPLETED");

      FlowExecution failed =
          client.awaitCompletion(
              client.launch(TestFlows.request(TestFlows.FAILING_FLOW)).flowExecutionId(),
              Duration.ofMinutes(1));
      assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.error())
          .hasValueSatisfying(
              e -> {
                assertThat(e.code()).isEqualTo("node_failed");
                assertThat(e.message()).isEqualTo("the Greet node failed");
              });
      assertThat(failed.outputData()).isEmpty();

      String endless = client.launch(TestFlows.request(TestFlows.ENDLESS_FLOW)).flowExecutionId();
      DeadlineExceededException timedOut =
          catchThrowableOfType(
              DeadlineExceededException.class,
              () -> client.awaitCompletion(endless, Duration.ofSeconds(30)));
      assertThat(timedOut).isNotNull();
      assertApiFailure(timedOut, DeadlineExceededException.class, 0, "deadline_exceeded");
      assertThat(timedOut.getMessage()).contains("RUNNING");
      assertThat(timed.executionCount()).isEqualTo(3);
    }
  }

  // ---------------------------------------------------------------- 401, 403, token endpoint

  /** The SDK always sends a token, so the emulator's answer to none is recorded and served. */
  @Test
  void missing_token_401_maps_to_authentication_exception() throws Exception {
    RawHttp.Received answer =
        RawHttp.post(
            emulator.baseUrl() + "/api/v2/flows/executions",
            null,
            "application/json",
            FlowJsonCodec.writeLaunchRequest(TestFlows.request()));
    assertThat(answer.status).isEqualTo(401);
    assertThat(answer.headers.get("www-authenticate")).containsExactly("Bearer realm=\"flows\"");

    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(answer.toMockResponse());
      server.start();
      FlowExecutionsClient client = client(newTransport(baseUrl(server), token), RETRIES);
      AuthenticationException failure =
          failure(AuthenticationException.class, () -> client.launch(TestFlows.request()));
      assertApiFailure(failure, AuthenticationException.class, 401, "missing_token");
      assertThat(server.getRequestCount()).as("401 is not retried").isEqualTo(1);
    }
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void unknown_token_401_is_invalid_token() {
    FlowExecutionsClient client =
        client(newTransport(emulator.baseUrl(), "fet_not-a-token"), RETRIES);
    LaunchRequest request = TestFlows.request();

    AuthenticationException failure =
        failure(AuthenticationException.class, () -> client.launch(request));

    assertApiFailure(failure, AuthenticationException.class, 401, "invalid_token");
    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.launchAttempts(request.flowExecutionId())).isEqualTo(1);
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void expired_fixed_token_401_is_invalid_token() {
    String expiring = emulator.issueToken(Set.of("flow:execute"));
    FlowExecutionsClient client = client(newTransport(emulator.baseUrl(), expiring), RETRIES);
    client.launch(TestFlows.request());
    emulator.expireToken(expiring);

    AuthenticationException failure =
        failure(AuthenticationException.class, () -> client.launch(TestFlows.request()));

    assertApiFailure(failure, AuthenticationException.class, 401, "invalid_token");
    assertThat(failure.getMessage()).doesNotContain(expiring);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void token_without_the_scope_is_403_insufficient_scope() {
    String readOnly = emulator.issueToken(Set.of("flow:read"));
    FlowExecutionsClient client = client(newTransport(emulator.baseUrl(), readOnly), RETRIES);
    LaunchRequest request = TestFlows.request();

    InsufficientScopeException failure =
        failure(InsufficientScopeException.class, () -> client.launch(request));

    assertApiFailure(failure, InsufficientScopeException.class, 403, "insufficient_scope");
    assertThat(failure.requiredScopes()).contains("flow:execute", "flow:execution:write");
    assertThat(failure.getMessage()).doesNotContain(readOnly);
    assertThat(emulator.executionCount()).isZero();
    assertThat(listener.retries()).isEmpty();

    InsufficientScopeException onGet =
        failure(InsufficientScopeException.class, () -> client.get(request.flowExecutionId()));
    assertApiFailure(onGet, InsufficientScopeException.class, 403, "insufficient_scope");
    assertThat(onGet.requiredScopes()).contains("flow:execution:read");
  }

  // ---------------------------------------------------------------- values sent exactly

  /** A number type of the user's own, whose text is its value. */
  static final class Price extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    Price(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }

    @Override
    public int intValue() {
      return (int) doubleValue();
    }

    @Override
    public long longValue() {
      return (long) doubleValue();
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(text);
    }
  }

  @Test
  void input_data_goes_out_exactly_as_it_was_built() {
    java.util.concurrent.atomic.DoubleAdder total = new java.util.concurrent.atomic.DoubleAdder();
    total.add(2.5);
    Map<String, Object> shared = Map.of("k", "v");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("price", new Price("12.50"));
    data.put("total", total);
    data.put("a", shared);
    data.put("b", shared);
    data.put("smile", "\uD83D\uDE00");
    LaunchRequest request = TestFlows.request().withInputData(data);
    total.add(1); // after build(): the request keeps what it was built with

    client().launch(request);

    String body = emulator.execution(request.flowExecutionId()).orElseThrow().launchBody();
    assertThat(body)
        .contains("\"price\":12.50", "\"total\":2.5", "\"a\":{\"k\":\"v\"},\"b\":{\"k\":\"v\"}")
        .doesNotContain("?");
    assertThat(
            body.contains("\"smile\":\"\uD83D\uDE00\"")
                || body.contains("\"smile\":\"\\ud83d\\ude00\""))
        .as("the emoji, raw or escaped, in %s", body)
        .isTrue();
  }

  @Test
  void values_no_codec_can_send_exactly_fail_at_build_not_at_send() {
    assertThat(
            catchThrowableOfType(
                RequestValidationException.class,
                () ->
                    TestFlows.request()
                        .withInputData(Map.of("n", new Price("1,\"injected\":true")))))
        .extracting(e -> e.fieldErrors().get(0).field())
        .isEqualTo("input_data.n");
    assertThat(
            catchThrowableOfType(
                RequestValidationException.class, () -> TestFlows.request().withName("cut \uD83D")))
        .extracting(e -> e.fieldErrors().get(0).field())
        .isEqualTo("name");
    assertThat(
            catchThrowableOfType(
                RequestValidationException.class,
                () ->
                    dev.flowexec.sdk.transport.CallOptions.builder()
                        .putHeaders("X-Note", "caf\u00e9")
                        .build()))
        .extracting(e -> e.fieldErrors().get(0).field())
        .isEqualTo("headers.X-Note");
    assertThat(emulator.requestCount()).isZero();
  }

  // ---------------------------------------------------------------- helpers

  protected static String baseUrl(MockWebServer server) {
    String url = server.url("/").toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
    return new org.assertj.core.data.TemporalUnitWithinOffset(
        duration.toMillis(), java.time.temporal.ChronoUnit.MILLIS);
  }
}
