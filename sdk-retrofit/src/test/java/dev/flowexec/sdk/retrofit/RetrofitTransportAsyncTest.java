package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The async methods, cancellation, and the attempt's timeout. */
class RetrofitTransportAsyncTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeService service = new FakeService();
  private final CountDownLatch canceled = new CountDownLatch(1);
  private final OkHttpClient callersClient =
      new OkHttpClient.Builder()
          .eventListener(
              new EventListener() {
                @Override
                public void canceled(Call call) {
                  canceled.countDown();
                }
              })
          .build();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    service.releaseTokens();
    server.shutdown();
    callersClient.dispatcher().executorService().shutdown();
  }

  private RetrofitTransport withToken() {
    return RetrofitTransport.builder()
        .baseUrl(server.url("/").toString())
        .accessToken("t")
        .okHttpClient(callersClient)
        .build();
  }

  @Test
  void launchAsyncReturnsTheExecution() throws Exception {
    server.enqueue(Fixtures.created());
    try (RetrofitTransport transport = withToken()) {
      FlowExecution execution =
          transport
              .launchAsync(Fixtures.launchRequest(), CallOptions.defaults())
              .get(10, TimeUnit.SECONDS)
              .execution();

      assertThat(execution.flowExecutionId()).isEqualTo(Fixtures.EXECUTION_ID);
      assertThat(server.takeRequest().getHeader("Idempotency-Key"))
          .isEqualTo("\"" + Fixtures.EXECUTION_ID + "\"");
    }
  }

  @Test
  void getAsyncFailsWithTheMappedException() {
    server.enqueue(Fixtures.error(404, "flow_not_found", "x", "req"));
    try (RetrofitTransport transport = withToken()) {
      CompletableFuture<TransportResponse> future =
          transport.getAsync("abc", CallOptions.defaults());

      assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(FlowNotFoundException.class);
    }
  }

  @Test
  void cancellingTheFutureCancelsTheOkHttpCall() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    try (RetrofitTransport transport = withToken()) {
      CompletableFuture<TransportResponse> future =
          transport.launchAsync(Fixtures.launchRequest(), CallOptions.defaults());
      assertThat(server.takeRequest(5, TimeUnit.SECONDS))
          .as("the request reached the server")
          .isNotNull();

      assertThat(future.cancel(true)).isTrue();

      assertThat(canceled.await(5, TimeUnit.SECONDS))
          .as("OkHttp reported the call canceled")
          .isTrue();
      assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    }
  }

  @Test
  void blockingCallTimesOutWithTheAttemptsTimeout() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    try (RetrofitTransport transport = withToken()) {
      long start = System.nanoTime();
      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () ->
                  transport.launch(
                      Fixtures.launchRequest(), CallOptions.ofTimeout(Duration.ofMillis(300))));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(e.getMessage()).contains("timed out after 300 ms");
      assertThat(e.requestMayHaveBeenSent()).isTrue();
      assertThat(e.statusCode()).isZero();
      assertThat(e.errorCode()).isEqualTo("transport_error");
    }
  }

  @Test
  void asyncCallTimesOutWithTheAttemptsTimeout() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    try (RetrofitTransport transport = withToken()) {
      CompletableFuture<TransportResponse> future =
          transport.getAsync("abc", CallOptions.ofTimeout(Duration.ofMillis(300)));

      assertThat(future)
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(TransportException.class)
          .withMessageContaining("timed out after 300 ms");
    }
  }

  @Test
  void callTimeoutBoundsAnAttemptWithoutTimeout() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    try (RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .accessToken("t")
            .callTimeout(Duration.ofMillis(250))
            .build()) {

      TransportException e =
          catchThrowableOfType(
              TransportException.class, () -> transport.get("abc", CallOptions.defaults()));

      assertThat(e.getMessage()).contains("timed out after 250 ms");
    }
  }

  @Test
  void tokenFetchObeysTheAttemptsTimeout() {
    server.setDispatcher(service.holdTokens());
    try (RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .credentials("id", "secret")
            .build()) {
      long start = System.nanoTime();

      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () ->
                  transport.launch(
                      Fixtures.launchRequest(), CallOptions.ofTimeout(Duration.ofMillis(300))));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(e.getMessage()).contains("fetching an access token").contains("timed out");
      assertThat(service.apiRequests).hasValue(0);
    }
  }

  @Test
  void asyncTokenFetchDoesNotBlockTheCaller() throws Exception {
    server.setDispatcher(service.holdTokens());
    try (RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .credentials("id", "secret")
            .build()) {

      CompletableFuture<TransportResponse> future =
          transport.launchAsync(Fixtures.launchRequest(), CallOptions.defaults());

      assertThat(service.tokenRequested.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(future).as("the caller got its future while the token was on its way").isNotDone();
      service.releaseTokens();
      assertThat(future.get(10, TimeUnit.SECONDS).execution().flowExecutionId())
          .isEqualTo(Fixtures.EXECUTION_ID);
    }
  }

  @Test
  void cancellingDuringTheTokenFetchSendsNoApiRequest() throws Exception {
    server.setDispatcher(service.holdTokens());
    try (RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .credentials("id", "secret")
            .build()) {
      CompletableFuture<TransportResponse> future =
          transport.launchAsync(Fixtures.launchRequest(), CallOptions.defaults());
      assertThat(service.tokenRequested.await(5, TimeUnit.SECONDS)).isTrue();

      future.cancel(true);
      service.releaseTokens();
      // A second call reuses the token the first one fetched, proving that fetch completed.
      transport.get("abc", CallOptions.defaults());

      assertThat(service.apiRequests).hasValue(1);
      assertThat(service.apiRecorded.get(0).getMethod()).isEqualTo("GET");
      assertThat(service.tokenRequests).hasValue(1);
    }
  }

  @Test
  void connectionRefusedIsNotSent() throws IOException {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String deadUrl = closed.url("/").toString();
    closed.shutdown();
    try (RetrofitTransport transport =
        RetrofitTransport.builder().baseUrl(deadUrl).accessToken("t").build()) {
      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () -> transport.launch(Fixtures.launchRequest(), CallOptions.defaults()));

      assertThat(e.requestMayHaveBeenSent()).isFalse();
      assertThat(e.getMessage()).contains("launching an execution").contains("not sent");
    }
  }

  @Test
  void closedTransportRefusesCalls() {
    RetrofitTransport transport = withToken();
    transport.close();

    assertThatThrownBy(() -> transport.launch(Fixtures.launchRequest(), CallOptions.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(transport.getAsync("abc", CallOptions.defaults())).isCompletedExceptionally();
    assertThat(callersClient.dispatcher().executorService().isShutdown())
        .as("the caller's dispatcher is left alone")
        .isFalse();
  }
}
