package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.integration.support.HostileServer;
import dev.flowexec.sdk.integration.support.HostileServer.Behaviour;
import dev.flowexec.sdk.integration.support.RecordingListener;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both transports, sync and async, against a raw-socket server that misbehaves (see {@link
 * HostileServer}), with a 3 s deadline: each scenario ends in the expected exception, in bounded
 * time, with as many requests reaching the server as the listener saw attempts. Runs in its own JVM
 * with a small heap (see this module's pom), so an unbounded body would end in {@code
 * OutOfMemoryError}. The scenarios that wait out a deadline run concurrently (they are idle); the
 * ones that move bodies run one at a time, so that the heap bound means something.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileServerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  /** Generous for a loaded CI machine, far below what a hang or a drain takes. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  private static final String TOKEN = "fet_hostile-" + TestFlows.newSecret();

  enum Transport {
    RETROFIT(
        url ->
            RetrofitTransport.builder()
                .baseUrl(url)
                .accessToken(TOKEN)
                .connectTimeout(Duration.ofMillis(500))
                .build()),
    HTTP_CLIENT(
        url ->
            new HttpClientTransport(URI.create(url), AccessTokenProvider.of(TOKEN))
                .withConnectTimeout(Duration.ofMillis(500)));

    final Function<String, FlowTransport> factory;

    Transport(Function<String, FlowTransport> factory) {
      this.factory = factory;
    }
  }

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final RecordingListener listener = new RecordingListener();

  static Stream<Arguments> transportsAndModes() {
    return Stream.of(Transport.values())
        .flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  private HostileServer server(HostileServer server) {
    resources.add(server);
    return server;
  }

  private FlowExecutionsClient client(Transport transport, String url, RetryPolicy policy) {
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport.factory.apply(url))
            .timeout(DEADLINE)
            .retryPolicy(policy)
            .listener(listener)
            .build();
    resources.add(client);
    return client;
  }

  /** What one launch ended in, and how long it took. */
  private static final class Outcome {
    final Throwable failure;
    final Duration took;

    Outcome(Throwable failure, Duration took) {
      this.failure = failure;
      this.took = took;
    }
  }

  private static Outcome launch(FlowExecutionsClient client, boolean async) {
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      if (async) {
        client.launchAsync(TestFlows.request()).get(20, TimeUnit.SECONDS);
      } else {
        client.launch(TestFlows.request());
      }
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (Throwable e) {
      failure = e;
    }
    return new Outcome(failure, Duration.ofNanos(System.nanoTime() - start));
  }

  private Outcome launchAgainst(
      Transport transport, boolean async, HostileServer server, RetryPolicy policy) {
    return launch(client(transport, server.httpUrl(), policy), async);
  }

  private void assertEveryRequestWasAnAttempt(HostileServer server) {
    assertThat(server.requests())
        .as("requests that reached the server")
        .isEqualTo((int) listener.attempts());
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  @Execution(ExecutionMode.CONCURRENT) // waits out deadlines: idle, so run side by side
  void aServerThatNeverAnswersEndsAtTheDeadline(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.NEVER_ANSWER));

    Outcome outcome = launchAgainst(transport, async, server, RetryPolicy.defaults());

    assertThat(outcome.failure).isInstanceOf(DeadlineExceededException.class);
    assertThat(outcome.took).isLessThan(DEADLINE.plus(SLACK));
    assertThat(server.requests()).isEqualTo(1);
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  @Execution(ExecutionMode.CONCURRENT) // waits out deadlines: idle, so run side by side
  void aBodyThatStallsHalfwayEndsAtTheDeadline(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.STALL_MID_BODY));

    Outcome outcome = launchAgainst(transport, async, server, RetryPolicy.defaults());

    assertThat(outcome.failure).isInstanceOf(DeadlineExceededException.class);
    assertThat(outcome.took).isLessThan(DEADLINE.plus(SLACK));
    assertThat(server.requests()).isEqualTo(1);
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void anEndlessChunkedSuccessIsCutAtTheLimit(Transport transport, boolean async) throws Exception {
    assertTooLarge(transport, async, Behaviour.ENDLESS_CHUNKED_BODY);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void aFiftyMegabyteSuccessIsRefused(Transport transport, boolean async) throws Exception {
    assertTooLarge(transport, async, Behaviour.HUGE_CONTENT_LENGTH);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void aGzipBombIsBoundedOnItsDecodedSize(Transport transport, boolean async) throws Exception {
    assertTooLarge(transport, async, Behaviour.GZIP_BOMB);
  }

  private void assertTooLarge(Transport transport, boolean async, Behaviour behaviour)
      throws Exception {
    HostileServer server = server(HostileServer.start(behaviour));

    Outcome outcome = launchAgainst(transport, async, server, RetryPolicy.defaults());

    assertThat(outcome.failure).isExactlyInstanceOf(FlowApiException.class);
    FlowApiException failure = (FlowApiException) outcome.failure;
    assertThat(failure.errorCode()).isEqualTo(FlowJsonCodec.RESPONSE_TOO_LARGE);
    assertThat(failure.statusCode()).isEqualTo(201);
    assertThat(failure.getMessage())
        .contains(String.valueOf(RetrofitTransport.DEFAULT_MAX_RESPONSE_BYTES));
    assertThat(outcome.took).isLessThan(DEADLINE);
    assertThat(server.requests()).as("not retried: the service answered").isEqualTo(1);
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void anInvalidStatusLineIsATransportFailureRetriedAsAttempts(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.INVALID_STATUS_LINE));

    Outcome outcome = launchAgainst(transport, async, server, RetryPolicy.defaults());

    assertThat(outcome.failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) outcome.failure).requestMayHaveBeenSent()).isTrue();
    assertThat(outcome.took).isLessThan(DEADLINE.plus(SLACK));
    assertThat(server.requests()).isEqualTo(RetryPolicy.defaults().maxAttempts());
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void a503WithRetryAfterZeroIsSentOncePerAttempt(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.unavailable("0"));

    Outcome once = launchAgainst(transport, async, server, RetryPolicy.none());

    assertThat(once.failure).isInstanceOf(ServerException.class);
    assertThat(((ServerException) once.failure).requestId()).contains("req_hostile_503");
    assertThat(server.requests()).as("OkHttp must not re-send a 503 on its own").isEqualTo(1);

    Outcome retried = launchAgainst(transport, async, server, RetryPolicy.defaults());

    assertThat(retried.failure).isInstanceOf(ServerException.class);
    assertThat(server.requests()).isEqualTo(1 + RetryPolicy.defaults().maxAttempts());
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void a503WithARetryAfterBeyondAnIntIsAServerExceptionThatTheDeadlineStops(
      Transport transport, boolean async) throws Exception {
    HostileServer server = server(HostileServer.unavailable("99999999999"));

    Outcome outcome = launchAgainst(transport, async, server, RetryPolicy.defaults());

    assertThat(outcome.failure).isInstanceOf(ServerException.class);
    ServerException failure = (ServerException) outcome.failure;
    assertThat(failure.statusCode()).isEqualTo(503);
    assertThat(failure.requestId()).contains("req_hostile_503");
    assertThat(failure.retryAfter())
        .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
    // The policy caps the wait at 30 s, which the 3 s deadline cannot fit: no retry, no wait.
    assertThat(outcome.took).isLessThan(SLACK);
    assertThat(server.requests()).isEqualTo(1);
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void aConnectionClosedWhileIdleCostsNoAttempt(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.closingWhenIdle(200));
    FlowExecutionsClient client = client(transport, server.httpUrl(), RetryPolicy.none());

    Outcome first = launch(client, async);
    Thread.sleep(
        500); // the server closes the pooled connection meanwhile, without Connection: close
    Outcome second = launch(client, async);

    assertThat(first.failure).isNull();
    assertThat(second.failure).as("a stale pooled connection alone must not fail a call").isNull();
    assertThat(listener.attempts()).isEqualTo(2);
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void aServerThatClosesAfterEachResponseFailsNoCall(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.CLOSE_AFTER_EACH_RESPONSE));
    FlowExecutionsClient client = client(transport, server.httpUrl(), RetryPolicy.none());

    for (int i = 0; i < 4; i++) {
      Outcome outcome = launch(client, async);
      assertThat(outcome.failure).as("call %d", i).isNull();
      Thread.sleep(20); // let the close arrive, as it would between a load balancer's calls
    }
    assertThat(server.requests()).isEqualTo(4);
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void aConnectionLostWhileTheRequestIsWrittenIsResentOnAFreshConnectionAtNoCost(
      Transport transport, boolean async) throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.RESET_SECOND_REQUEST));
    FlowExecutionsClient client = client(transport, server.httpUrl(), RetryPolicy.none());

    Outcome first = launch(client, async);
    Outcome second = launch(client, async); // on the pooled connection, which the server resets

    assertThat(first.failure).isNull();
    assertThat(second.failure)
        .as("a connection lost before any response byte alone must not fail a call")
        .isNull();
    assertThat(server.connections()).as("the re-send went on a fresh connection").isEqualTo(2);
    assertThat(server.requests()).isEqualTo(3);
    assertEveryRequestWasAnAttempt(server);
    assertThat(listener.attemptFailures())
        .singleElement()
        .satisfies(
            lost -> {
              assertThat(lost).isInstanceOf(TransportException.class);
              assertThat(((TransportException) lost).reusedConnectionLost()).isTrue();
              assertThat(((TransportException) lost).requestMayHaveBeenSent()).isTrue();
            });
    assertThat(listener.retries())
        .singleElement()
        .satisfies(retry -> assertThat(retry.delay).isZero());
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void aBigErrorBodyIsAbandonedNotDrained(Transport transport, boolean async) throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.BIG_ERROR_BODY));

    Outcome outcome = launchAgainst(transport, async, server, RetryPolicy.defaults());

    assertThat(outcome.failure).isInstanceOf(ServerException.class);
    assertThat(((ServerException) outcome.failure).statusCode()).isEqualTo(502);
    assertThat(outcome.took).isLessThan(DEADLINE.plus(SLACK));
    // 64 KiB are read; draining the rest (to reuse the connection) would take every attempt's 5
    // MiB.
    assertThat(server.connections())
        .as("a connection whose body was abandoned is not reused")
        .isEqualTo(server.requests());
    assertThat(server.requests()).isEqualTo(RetryPolicy.defaults().maxAttempts());
    assertEveryRequestWasAnAttempt(server);
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  void httpsToAPlainHttpPortFailsFastNamingTheMismatch(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.PLAIN_HTTP));

    Outcome outcome = launch(client(transport, server.httpsUrl(), RetryPolicy.defaults()), async);

    assertThat(outcome.failure).isInstanceOf(TransportException.class);
    assertThat(outcome.failure.getMessage()).contains("plain HTTP");
    assertThat(((TransportException) outcome.failure).requestMayHaveBeenSent()).isFalse();
    assertThat(outcome.took).isLessThan(DEADLINE);
    assertThat(server.requests()).isZero();
  }

  @ParameterizedTest(name = "{0}, async={1}")
  @MethodSource("transportsAndModes")
  @Execution(ExecutionMode.CONCURRENT) // waits out deadlines: idle, so run side by side
  void aStalledTlsHandshakeIsBoundedByTheConnectTimeout(Transport transport, boolean async)
      throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.NEVER_ANSWER));

    Outcome outcome = launch(client(transport, server.httpsUrl(), RetryPolicy.none()), async);

    assertThat(server.requests()).isZero();
    // 500 ms (the connect timeout), not the 30 s read timeout that the deadline would cut to 3 s.
    assertThat(outcome.took).isLessThan(Duration.ofMillis(500).plus(SLACK));
    assertThat(outcome.failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) outcome.failure).requestMayHaveBeenSent()).isFalse();
    assertThat(outcome.failure.getMessage()).contains("connect timeout").contains("not sent");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void callsStillQueuedWhenTheTransportClosesSayTheyWereNotSent() throws Exception {
    HostileServer server = server(HostileServer.start(Behaviour.NEVER_ANSWER));
    RetrofitTransport transport =
        RetrofitTransport.builder().baseUrl(server.httpUrl()).accessToken(TOKEN).build();
    List<java.util.concurrent.CompletableFuture<dev.flowexec.sdk.transport.TransportResponse>>
        calls = new ArrayList<>();
    for (int i = 0;
        i < 70;
        i++) { // the transport's dispatcher runs 64 at once: 6 wait in its queue
      calls.add(
          transport.launchAsync(TestFlows.request(), CallOptions.ofTimeout(Duration.ofSeconds(4))));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.requests() < 64 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    transport.close();

    int notSent = 0;
    for (java.util.concurrent.CompletableFuture<dev.flowexec.sdk.transport.TransportResponse> call :
        calls) {
      Throwable failure = catchThrowable(() -> call.get(10, TimeUnit.SECONDS)).getCause();
      assertThat(failure).isInstanceOf(TransportException.class);
      notSent += ((TransportException) failure).requestMayHaveBeenSent() ? 0 : 1;
    }
    assertThat(server.requests()).isEqualTo(64);
    assertThat(notSent)
        .as("the calls that never left, and only they, say so")
        .isEqualTo(70 - server.requests());
  }

  @Test
  void aTokenFetchThatTimesOutSaysTheLaunchWasNotSent() throws Exception {
    HostileServer identity = server(HostileServer.start(Behaviour.NEVER_ANSWER));
    HostileServer api = server(HostileServer.start(Behaviour.CLOSE_WHEN_IDLE));
    RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl(api.httpUrl())
            .credentials(TestFlows.CLIENT_ID, TestFlows.newSecret())
            .authBaseUrl(identity.httpUrl())
            .build();
    resources.add(transport);
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .timeout(Duration.ofMillis(1500))
            .retryPolicy(RetryPolicy.none())
            .listener(listener)
            .build();
    resources.add(client);

    Outcome outcome = launch(client, false);

    TransportException failure =
        outcome.failure instanceof TransportException
            ? (TransportException) outcome.failure
            : (TransportException) outcome.failure.getCause();
    assertThat(failure.requestMayHaveBeenSent()).as(String.valueOf(failure)).isFalse();
    assertThat(api.requests()).isZero();
  }
}
