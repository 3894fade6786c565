package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Executions, request history, attempt counters, reset and concurrency. */
class InspectionTest {
  private FlowExecutionsEmulator emulator;
  private RawHttp http;
  private String token;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .requestHistoryLimit(5)
            .start();
    http = new RawHttp(emulator);
    token = emulator.issueToken(Set.of("flow:execute"));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void baseUrlIsLoopback() {
    assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + emulator.port());
  }

  @Test
  void requestsAreRecordedWithMethodPathHeadersAndBody() {
    HttpResponse<String> r = http.launchWithKey(token, "{\"flow_id\":\"abc-123\"}", "\"k\"");

    ReceivedRequest recorded = emulator.requests().get(0);
    assertThat(recorded.method()).isEqualTo("POST");
    assertThat(recorded.path()).isEqualTo("/api/v2/flows/executions");
    assertThat(recorded.header("idempotency-key")).contains("\"k\"");
    assertThat(recorded.header("Authorization")).contains("Bearer " + token);
    assertThat(recorded.body()).isEqualTo("{\"flow_id\":\"abc-123\"}");
    assertThat(recorded.requestId())
        .isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
  }

  @Test
  void theHistoryIsBounded() {
    for (int i = 0; i < 12; i++) {
      http.getExecution(token, "id-" + i);
    }

    assertThat(emulator.requests()).hasSize(5);
    assertThat(emulator.requests().get(4).path()).endsWith("/id-11");
    assertThat(emulator.requestCount()).isEqualTo(12);
  }

  @Test
  void executionsCanBeListedAndFound() {
    http.launch(token, validLaunch("a"));
    http.launch(token, validLaunch("b"));

    assertThat(emulator.executions())
        .extracting(Execution::flowExecutionId)
        .containsExactly("a", "b");
    Execution a = emulator.execution("a").orElseThrow();
    assertThat(a.flowId()).isEqualTo("abc-123");
    assertThat(a.flowVersion()).isEqualTo("1");
    assertThat(a.channelType()).isEqualTo("web");
    assertThat(a.status()).isEqualTo("QUEUED");
    assertThat(a.launchBody()).contains("\"flow_execution_id\":\"a\"");
    assertThat(a.json()).contains("\"self_uri\":\"/api/v2/flows/executions/a\"");
  }

  @Test
  void resetForgetsExecutionsRequestsAttemptsAndFaultsButKeepsTokens() {
    http.launch(token, validLaunch("a"));
    emulator.faults().next(Fault.status(500));

    emulator.reset();

    assertThat(emulator.executionCount()).isZero();
    assertThat(emulator.requests()).isEmpty();
    assertThat(emulator.launchAttempts("a")).isZero();
    assertThat(emulator.faults().pending()).isZero();
    assertThat(http.launch(token, validLaunch("a")).statusCode()).isEqualTo(201);
  }

  @Test
  void concurrentLaunchesOfOneIdCreateOneExecution() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        results.add(pool.submit(() -> http.launch(token, validLaunch("race")).statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }

      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).allMatch(s -> s == 201 || s == 200 || s == 409);
      assertThat(emulator.executionCount()).isEqualTo(1);
      assertThat(emulator.launchAttempts("race")).isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void thousandsOfLaunchesKeepOnlyTheBoundedHistory() {
    for (int i = 0; i < 2000; i++) {
      assertThat(http.launch(token, validLaunch("many-" + i)).statusCode()).isEqualTo(201);
    }

    assertThat(emulator.executionCount()).isEqualTo(2000);
    assertThat(emulator.requests()).hasSize(5);
  }

  @Test
  void closeStopsTheServer() {
    FlowExecutionsEmulator other = FlowExecutionsEmulator.builder().start();
    RawHttp otherHttp = new RawHttp(other);
    assertThat(otherHttp.get("/x").statusCode()).isEqualTo(404);

    other.close();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> otherHttp.get("/x"))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }
}
