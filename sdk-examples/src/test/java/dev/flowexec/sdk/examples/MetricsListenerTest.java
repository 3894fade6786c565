package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.transport.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MetricsListenerTest {
  private static final Duration D = Duration.ofMillis(5);

  @Test
  void countsLaunchesSuccessesReadsRetriesAndErrorsByCode() {
    MetricsListener metrics = new MetricsListener();
    metrics.callFinished(finished(Operation.LAUNCH, "a", 1, null));
    metrics.retryScheduled(new ExecutionListener.RetryScheduled(2, Operation.LAUNCH, "b", 1, D,
        new ServerException("503", 503, "unavailable", null, null)));
    metrics.callFinished(finished(Operation.LAUNCH, "b", 2, new FlowNotFoundException("404", 404, "flow_not_found", null)));
    metrics.callFinished(finished(Operation.GET, "a", 1, new FlowApiException("x", 418, "http_418", null)));
    metrics.callFinished(finished(Operation.GET, "a", 1, new IllegalStateException("closed")));
    metrics.callFinished(finished(Operation.GET, "a", 1, null));

    MetricsListener.Snapshot snapshot = metrics.snapshot();
    assertThat(snapshot.launches()).isEqualTo(2);
    assertThat(snapshot.launchesSucceeded()).isEqualTo(1);
    assertThat(snapshot.gets()).isEqualTo(3);
    assertThat(snapshot.retries()).isEqualTo(1);
    assertThat(snapshot.errors()).containsExactly(
        Map.entry("IllegalStateException", 1L), Map.entry("flow_not_found", 1L), Map.entry("http_418", 1L));
    assertThat(snapshot.errorCount()).isEqualTo(3);
    assertThat(snapshot.toString()).contains("launches=2", "flow_not_found=1");
  }

  @Test
  void snapshotsAreImmutableAndDoNotMoveWithLaterCalls() {
    MetricsListener metrics = new MetricsListener();
    metrics.callFinished(finished(Operation.LAUNCH, "a", 1, new FlowNotFoundException("m", 404, "flow_not_found", null)));
    MetricsListener.Snapshot before = metrics.snapshot();
    metrics.callFinished(finished(Operation.LAUNCH, "a", 1, new FlowNotFoundException("m", 404, "flow_not_found", null)));

    assertThat(before.errors()).containsEntry("flow_not_found", 1L);
    assertThat(metrics.snapshot().errors()).containsEntry("flow_not_found", 2L);
    assertThatThrownBy(() -> before.errors().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void countsExactlyUnderConcurrency() throws Exception {
    MetricsListener metrics = new MetricsListener();
    int threads = 8;
    int perThread = 10_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String code = "code_" + (t % 3);
      Thread worker = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          metrics.callFinished(finished(Operation.LAUNCH, "id", 1, i % 2 == 0 ? null : new FlowApiException("m", 400, code, null)));
        }
      });
      worker.start();
      workers.add(worker);
    }
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    MetricsListener.Snapshot snapshot = metrics.snapshot();
    assertThat(snapshot.launches()).isEqualTo(threads * perThread);
    assertThat(snapshot.launchesSucceeded()).isEqualTo(threads * perThread / 2);
    assertThat(snapshot.errorCount()).isEqualTo(threads * perThread / 2);
    assertThat(snapshot.errors()).containsOnlyKeys("code_0", "code_1", "code_2")
        .containsEntry("code_0", 3L * perThread / 2);
  }

  @Test
  void countsWhatARealClientDoes() {
    MetricsListener metrics = new MetricsListener();
    try (FlowExecutionsEmulator emulator = Demo.startEmulator(Duration.ZERO, Duration.ZERO);
        FlowExecutionsClient client = FlowExecutionsClient.builder()
            .transport(RetrofitTransport.builder().baseUrl(emulator.baseUrl())
                .credentials(Demo.CLIENT_ID, Demo.CLIENT_SECRET).build())
            .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).build())
            .listener(metrics)
            .build()) {
      emulator.faults().next(Fault.status(503));
      client.launch(request(Demo.FLOW_ID));
      assertThatThrownBy(() -> client.launch(request("no-such-flow"))).isInstanceOf(FlowNotFoundException.class);

      MetricsListener.Snapshot snapshot = metrics.snapshot();
      assertThat(snapshot.launches()).isEqualTo(2);
      assertThat(snapshot.launchesSucceeded()).isEqualTo(1);
      assertThat(snapshot.retries()).isEqualTo(1);
      assertThat(snapshot.errors()).isEqualTo(Map.of("flow_not_found", 1L));
    }
  }

  private static ExecutionListener.CallFinished finished(Operation operation, String id, int attempts,
      RuntimeException failure) {
    return new ExecutionListener.CallFinished(1, operation, id, attempts, D, null, failure);
  }

  private static LaunchRequest request(String flowId) {
    return LaunchRequest.builder().flowId(flowId).participant(Participant.of("user-456", Role.USER, Channel.WEB))
        .channelType(Channel.WEB).build();
  }
}
