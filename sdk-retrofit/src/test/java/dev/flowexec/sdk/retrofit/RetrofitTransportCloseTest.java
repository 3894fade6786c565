package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.errors.ClientClosedException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing ends every call at once: those in flight may have been sent, those still queued in the
 * dispatcher (it runs 64 at a time) were not, and each says so truthfully.
 */
class RetrofitTransportCloseTest {
  private static final int CALLS = 70;
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    for (int i = 0; i < CALLS; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private RetrofitTransport transport() {
    return RetrofitTransport.builder()
        .baseUrl(server.url("/").toString())
        .accessToken("t")
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).as("ended by close()").isDone();
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("succeeded");
  }

  private static <T> List<CompletableFuture<T>> launch(
      int n, java.util.function.Function<LaunchRequest, CompletableFuture<T>> launch) {
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(launch.apply(Fixtures.launchRequest().withFlowExecutionId("exec-" + i)));
    }
    return futures;
  }

  private void awaitRequests(int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      assertThat(server.takeRequest(10, TimeUnit.SECONDS))
          .as("request %d reached the server", i)
          .isNotNull();
    }
  }

  @Test
  void closingTheTransportEndsCallsInFlightAsMaybeSentAndQueuedOnesAsNotSent() throws Exception {
    RetrofitTransport transport = transport();
    List<CompletableFuture<TransportResponse>> futures =
        launch(CALLS, request -> transport.launchAsync(request, CallOptions.defaults()));
    awaitRequests(64);

    transport.close();

    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .handle((v, e) -> null)
        .get(5, TimeUnit.SECONDS);
    long sent = 0;
    long notSent = 0;
    for (CompletableFuture<TransportResponse> future : futures) {
      TransportException failure = (TransportException) failure(future);
      if (failure.requestMayHaveBeenSent()) {
        sent++;
      } else {
        notSent++;
        assertThat(failure)
            .hasMessageContaining("the transport was closed before the request was sent");
      }
    }
    assertThat(sent).isEqualTo(64);
    assertThat(notSent).isEqualTo(CALLS - 64);
    assertThat(server.getRequestCount()).isEqualTo(64);
  }

  @Test
  void closingTheClientEndsEveryLaunchPromptlyWithATruthfulFlag() throws Exception {
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport())
            .retryPolicy(RetryPolicy.defaults())
            .timeout(Duration.ofMinutes(1))
            .build();
    List<CompletableFuture<FlowExecution>> futures = launch(CALLS, client::launchAsync);
    awaitRequests(64);

    long started = System.nanoTime();
    client.close();
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    long mayHaveStarted = 0;
    for (CompletableFuture<FlowExecution> future : futures) {
      ClientClosedException failure = (ClientClosedException) failure(future);
      if (failure.executionMayHaveStarted()) {
        mayHaveStarted++;
      } else {
        assertThat(failure.getCause())
            .isInstanceOf(TransportException.class)
            .hasMessageContaining("before the request was sent");
      }
    }
    assertThat(mayHaveStarted).isEqualTo(64);
    assertThat(closeMillis).as("close() took %d ms", closeMillis).isLessThan(1_000);
    assertThat(server.getRequestCount()).isEqualTo(64);
  }
}
