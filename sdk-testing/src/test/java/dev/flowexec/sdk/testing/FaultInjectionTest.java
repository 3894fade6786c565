package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.testing.internal.JsonWriter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fault kind, its targeting and the random mode. */
class FaultInjectionTest {
  private FlowExecutionsEmulator emulator;
  private RawHttp http;
  private String token;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("webhooks", "s3cret", "flow:execute")
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start();
    http = new RawHttp(emulator);
    token = emulator.issueToken(Set.of("flow:execute", "flow:execution:read"));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @ParameterizedTest
  @CsvSource({"500,server_error", "502,unavailable", "503,unavailable", "504,unavailable"})
  void aStatusFaultAnswersTheServiceErrorBody(int status, String code) {
    emulator.faults().next(Fault.status(status));

    HttpResponse<String> r = http.launch(token, validLaunch("f-" + status));

    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(RawHttp.json(r))
        .containsEntry("error_code", code)
        .containsKeys("message", "request_id");
    assertThat(r.headers().firstValue("X-Request-Id"))
        .contains((String) RawHttp.json(r).get("request_id"));
    assertThat(emulator.executionCount()).isZero();
    assertThat(http.launch(token, validLaunch("f-" + status)).statusCode()).isEqualTo(201);
  }

  @Test
  void nextAppliesToTheNextNLaunchesInOrder() {
    emulator.faults().next(2, Fault.status(503)).next(Fault.status(500));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(http.launch(token, validLaunch("n-1")).statusCode());
    }

    assertThat(statuses).containsExactly(503, 503, 500, 201);
    assertThat(emulator.faults().pending()).isZero();
    assertThat(emulator.launchAttempts("n-1")).isEqualTo(4);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void anHtmlBadGatewayPage() {
    emulator.faults().next(Fault.htmlBadGateway());

    HttpResponse<String> r = http.launch(token, validLaunch("html-1"));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("502 Bad Gateway");
  }

  @Test
  void anEmptyServiceUnavailable() {
    emulator.faults().next(Fault.emptyBody(503));

    HttpResponse<String> r = http.launch(token, validLaunch("empty-1"));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Content-Type")).isEmpty();
  }

  @Test
  void aSlowResponseAnswersNormallyAfterTheDelay() {
    emulator.faults().next(Fault.slowResponse(Duration.ofMillis(300)));

    long start = System.nanoTime();
    HttpResponse<String> r = http.launch(token, validLaunch("slow-1"));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
  }

  @Test
  void aSlowResponseTripsAClientTimeout() {
    emulator.faults().next(Fault.slowResponse(Duration.ofSeconds(5)));

    assertThatThrownBy(
            () ->
                RawHttp.send(
                    http.request(RawHttp.EXECUTIONS, "Authorization", "Bearer " + token)
                        .timeout(Duration.ofMillis(200))
                        .POST(
                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                JsonWriter.write(validLaunch("slow-2"))))
                        .build()))
        .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
  }

  @Test
  void aDropBeforeProcessingFailsTheClientAndRecordsNothing() {
    emulator.faults().next(Fault.dropConnectionBeforeProcessing());

    IOException failure =
        http.postExpectingIoFailure(
            RawHttp.EXECUTIONS,
            JsonWriter.write(validLaunch("drop-1")),
            "Authorization",
            "Bearer " + token);

    assertThat(failure).isNotNull();
    assertThat(emulator.execution("drop-1")).isEmpty();
    assertThat(emulator.launchAttempts("drop-1")).isEqualTo(1);
    HttpResponse<String> retry = http.launch(token, validLaunch("drop-1"));
    assertThat(retry.statusCode()).isEqualTo(201);
  }

  @Test
  void aDropAfterProcessingFailsTheClientButTheExecutionExists() {
    emulator.faults().next(Fault.dropConnectionAfterProcessing());

    IOException failure =
        http.postExpectingIoFailure(
            RawHttp.EXECUTIONS,
            JsonWriter.write(validLaunch("drop-2")),
            "Authorization",
            "Bearer " + token);

    assertThat(failure).isNotNull();
    assertThat(emulator.execution("drop-2")).isPresent();
    HttpResponse<String> retry = http.launch(token, validLaunch("drop-2"));
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(emulator.launchAttempts("drop-2")).isEqualTo(2);
    assertThat(emulator.executionCount()).isEqualTo(1);
  }

  @Test
  void launchFaultsLeaveTheTokenEndpointAndGetAlone() {
    emulator.faults().next(Fault.status(503));

    assertThat(http.token("webhooks", "s3cret", "grant_type=client_credentials").statusCode())
        .isEqualTo(200);
    assertThat(http.getExecution(token, "none").statusCode()).isEqualTo(404);
    assertThat(emulator.faults().pending()).isEqualTo(1);
    assertThat(http.launch(token, validLaunch("t-1")).statusCode()).isEqualTo(503);
  }

  @Test
  void faultsCanTargetTheTokenEndpointAndGet() {
    emulator
        .faults()
        .next(Fault.status(503).on(Endpoint.TOKEN))
        .next(Fault.htmlBadGateway().on(Endpoint.GET_EXECUTION));

    assertThat(http.launch(token, validLaunch("t-2")).statusCode()).isEqualTo(201);
    HttpResponse<String> tokenResponse =
        http.token("webhooks", "s3cret", "grant_type=client_credentials");
    HttpResponse<String> getResponse = http.getExecution(token, "t-2");

    assertThat(tokenResponse.statusCode()).isEqualTo(503);
    assertThat(getResponse.statusCode()).isEqualTo(502);
    assertThat(http.getExecution(token, "t-2").statusCode()).isEqualTo(200);
  }

  @Test
  void randomFaultsAreRepeatableWithASeed() {
    List<Integer> first = randomRun(7L);
    List<Integer> second = randomRun(7L);

    assertThat(first).isEqualTo(second);
    assertThat(first).contains(201).containsAnyOf(500, 503);
    assertThat(first).allMatch(s -> s == 201 || s == 500 || s == 503);
  }

  private List<Integer> randomRun(long seed) {
    emulator.reset();
    emulator.faults().random(0.5, seed, Fault.status(500), Fault.emptyBody(503));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      statuses.add(http.launch(token, validLaunch("r-" + i)).statusCode());
    }
    emulator.faults().clear();
    return statuses;
  }

  @Test
  void invalidFaultsAreRefused() {
    assertThatThrownBy(() -> Fault.status(404)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emulator.faults().next(0, Fault.status(500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emulator.faults().random(1.5, 1L, Fault.status(500)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
