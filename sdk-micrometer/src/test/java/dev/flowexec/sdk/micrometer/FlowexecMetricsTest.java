package dev.flowexec.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Endpoint;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.transport.CallOptions;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exact meters for a real client against the emulator, with scripted faults. */
class FlowexecMetricsTest {
  private static final String SECRET = "s3cr3t-" + UUID.randomUUID();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private FlowExecutionsEmulator emulator;
  private FlowExecutionsClient client;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("metrics-test", SECRET, Scopes.FLOW_EXECUTE, Scopes.FLOW_EXECUTION_READ)
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start", "End"))
            .start();
    client =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials("metrics-test", SECRET)
                    .build())
            .retryPolicy(
                RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(0).build())
            .listener(FlowexecMetrics.create(registry, Tags.of("client", "test")))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  private static LaunchRequest request() {
    return LaunchRequest.builder()
        .flowId("abc-123")
        .participants(Participant.of("user-1", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .build();
  }

  /** Counts of a timer's series, keyed by "outcome error.code status". */
  private Map<String, Long> counts(String timer, String operation) {
    Map<String, Long> counts = new TreeMap<>();
    for (Timer t : registry.find(timer).tag("operation", operation).timers()) {
      Meter.Id id = t.getId();
      assertThat(id.getTag("client")).isEqualTo("test");
      counts.put(
          id.getTag("outcome") + " " + id.getTag("error.code") + " " + id.getTag("status"),
          t.count());
    }
    return counts;
  }

  @Test
  void aNewLaunchAndItsReplay() {
    LaunchRequest request = request();
    client.launch(request);
    client.launch(request);

    assertThat(counts("flowexec.client.calls", "launch"))
        .containsExactly(Map.entry("replayed none 2xx", 1L), Map.entry("success none 2xx", 1L));
    assertThat(counts("flowexec.client.attempts", "launch"))
        .containsExactly(Map.entry("replayed none 2xx", 1L), Map.entry("success none 2xx", 1L));
    assertThat(registry.find("flowexec.client.retries").counters()).isEmpty();
    assertThat(
            registry.get("flowexec.client.calls.active").tag("operation", "launch").gauge().value())
        .isZero();
  }

  @Test
  void aBadRequestIsAClientErrorWithItsCode() {
    LaunchRequest unknownNode =
        LaunchRequest.builder()
            .flowId("abc-123")
            .participants(Participant.of("user-1", Role.USER, Channel.WEB))
            .channelType(Channel.WEB)
            .startNode("Nowhere")
            .build();

    assertThatThrownBy(() -> client.launch(unknownNode))
        .isInstanceOf(InvalidRequestException.class);

    assertThat(counts("flowexec.client.calls", "launch"))
        .containsExactly(Map.entry("client_error invalid_request 4xx", 1L));
    assertThat(counts("flowexec.client.attempts", "launch"))
        .containsExactly(Map.entry("client_error invalid_request 4xx", 1L));
  }

  @Test
  void aRetried503CountsEachAttemptAndTheRetry() {
    emulator.faults().next(Fault.status(503));

    client.launch(request());

    assertThat(counts("flowexec.client.calls", "launch"))
        .containsExactly(Map.entry("success none 2xx", 1L));
    assertThat(counts("flowexec.client.attempts", "launch"))
        .containsExactly(
            Map.entry("server_error unavailable 5xx", 1L), Map.entry("success none 2xx", 1L));
    assertThat(
            registry
                .get("flowexec.client.retries")
                .tags("operation", "launch", "reason", "unavailable")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void aDeadline() {
    emulator.faults().next(Fault.slowResponse(Duration.ofSeconds(3)));

    assertThatThrownBy(
            () -> client.launch(request(), CallOptions.ofTimeout(Duration.ofMillis(300))))
        .isInstanceOf(DeadlineExceededException.class);

    assertThat(counts("flowexec.client.calls", "launch"))
        .containsExactly(Map.entry("deadline deadline_exceeded none", 1L));
    assertThat(counts("flowexec.client.attempts", "launch"))
        .containsOnlyKeys("transport_error transport_error none");
    assertThat(
            registry.get("flowexec.client.calls.active").tag("operation", "launch").gauge().value())
        .isZero();
  }

  @Test
  void readsAreTaggedGetAndNoTagCarriesAnIdOrSecret() {
    String id = client.launch(request()).flowExecutionId();
    client.get(id);

    assertThat(counts("flowexec.client.calls", "get"))
        .containsExactly(Map.entry("success none 2xx", 1L));
    registry
        .getMeters()
        .forEach(
            meter ->
                assertThat(meter.getId().toString())
                    .doesNotContain(id)
                    .doesNotContain(SECRET)
                    .doesNotContain("Bearer"));
  }

  /** Counts of the token-fetch timer's series, keyed by "outcome error.code forced.refresh". */
  private Map<String, Long> tokenFetches() {
    Map<String, Long> counts = new TreeMap<>();
    for (Timer t : registry.find("flowexec.client.token.fetches").timers()) {
      Meter.Id id = t.getId();
      assertThat(id.getTag("client")).isEqualTo("test");
      counts.put(
          id.getTag("outcome") + " " + id.getTag("error.code") + " " + id.getTag("forced.refresh"),
          t.count());
    }
    return counts;
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

  private long launchRequests() {
    return emulator.requests().stream()
        .filter(r -> r.path().equals("/api/v2/flows/executions"))
        .count();
  }

  private long tokenRequests() {
    return emulator.requests().stream().filter(r -> r.path().equals("/oauth/token")).count();
  }

  @Test
  void aTokenFetchIsTimedOnceAndACachedTokenRecordsNothing() {
    client.launch(request());
    client.launch(request());
    client.get(client.launch(request()).flowExecutionId());

    assertThat(tokenRequests()).isEqualTo(1);
    assertThat(tokenFetches()).containsExactly(Map.entry("success none false", 1L));
    assertThat(
            registry
                .get("flowexec.client.token.fetches")
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isPositive();
  }

  @Test
  void aRefusedTokenIsRefreshedAndTheForcedFetchIsTaggedSo() {
    client.launch(request());
    assertThat(emulator.expireToken(lastBearer())).isTrue();

    client.launch(request()); // 401 invalid_token, a forced fetch, the same attempt sent again

    assertThat(tokenRequests()).isEqualTo(2);
    assertThat(tokenFetches())
        .containsExactly(Map.entry("success none false", 1L), Map.entry("success none true", 1L));
    assertThat(counts("flowexec.client.calls", "launch"))
        .containsExactly(Map.entry("success none 2xx", 2L));
  }

  @Test
  void aRequestRefusedForItsTokenAndSentAgainIsTwoAttemptsOfOneCall() {
    client.launch(request());
    assertThat(emulator.expireToken(lastBearer())).isTrue();
    long before = launchRequests();

    client.launch(request()); // 401 invalid_token, a new token, the same attempt sent again

    assertThat(launchRequests() - before).isEqualTo(2); // two requests on the wire
    assertThat(counts("flowexec.client.attempts", "launch"))
        .containsExactly(
            Map.entry("client_error invalid_token 4xx", 1L), Map.entry("success none 2xx", 2L));
    assertThat(counts("flowexec.client.calls", "launch"))
        .containsExactly(Map.entry("success none 2xx", 2L));
    assertThat(registry.find("flowexec.client.retries").counters()).isEmpty(); // no retry
    Timer refusedRequests =
        registry
            .get("flowexec.client.attempts")
            .tag("outcome", "client_error")
            .tag("error.code", "invalid_token")
            .timer();
    assertThat(refusedRequests.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    // The two requests' samples are the attempt's time, not twice it.
    double attemptsTotal =
        registry.find("flowexec.client.attempts").timers().stream()
            .mapToDouble(t -> t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
            .sum();
    double callsTotal =
        registry
            .get("flowexec.client.calls")
            .timer()
            .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
    assertThat(attemptsTotal).isLessThanOrEqualTo(callsTotal);
  }

  @Test
  void aRefusedFetchIsAClientErrorWithTheOAuthCode() {
    try (FlowExecutionsClient wrongSecret =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials("metrics-test", "not-the-" + SECRET)
                    .build())
            .listener(FlowexecMetrics.create(registry, Tags.of("client", "test")))
            .build()) {
      assertThatThrownBy(() -> wrongSecret.launch(request()))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("invalid_client");
    }

    assertThat(tokenFetches()).containsExactly(Map.entry("client_error invalid_client false", 1L));
    assertThat(counts("flowexec.client.calls", "launch"))
        .containsExactly(Map.entry("client_error invalid_client 4xx", 1L));
  }

  @Test
  void aFailingTokenEndpointIsAServerErrorAndTheRetryFetchesAgain() {
    emulator.faults().next(Fault.status(503).on(Endpoint.TOKEN));

    client.launch(request());

    assertThat(tokenFetches())
        .containsExactly(
            Map.entry("server_error unavailable false", 1L), Map.entry("success none false", 1L));
    assertThat(
            registry
                .get("flowexec.client.retries")
                .tags("operation", "launch", "reason", "unavailable")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void noMeterCarriesATokenOrSecret() {
    client.launch(request());
    assertThat(emulator.expireToken(lastBearer())).isTrue();
    client.launch(request());

    Set<String> secrets = new LinkedHashSet<>();
    secrets.add(SECRET);
    emulator
        .requests()
        .forEach(
            r ->
                r.header("Authorization")
                    .ifPresent(auth -> secrets.add(auth.substring(auth.indexOf(' ') + 1))));
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(4); // the secret, Basic, two bearer tokens
    String meters = registry.getMetersAsString() + registry.getMeters().toString();
    registry
        .getMeters()
        .forEach(
            meter -> {
              String id = meter.getId().toString();
              secrets.forEach(secret -> assertThat(id).doesNotContain(secret));
            });
    secrets.forEach(secret -> assertThat(meters).doesNotContain(secret));
  }

  @Test
  void unknownCodesCollapseToOther() {
    assertThat(
            FlowexecMetrics.code(
                new dev.flowexec.sdk.errors.FlowApiException(
                    "x", 418, "teapot_" + UUID.randomUUID(), null)))
        .isEqualTo("other");
    assertThat(
            FlowexecMetrics.code(
                new dev.flowexec.sdk.errors.FlowApiException("x", 429, "rate_limited", null)))
        .isEqualTo("rate_limited");
  }
}
