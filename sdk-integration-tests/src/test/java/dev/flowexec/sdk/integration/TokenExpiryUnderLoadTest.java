package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.integration.support.RecordingListener;
import dev.flowexec.sdk.integration.support.SecretGuard;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Client-credentials auth while many calls are in flight: tokens that expire in the middle of the
 * load (forced by the emulator, or by a short lifetime) are renewed once per expiry, and no call
 * fails. Nothing shown to a person (output, logs, exception texts, {@code toString()}s) contains a
 * token or the client secret.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenExpiryUnderLoadTest {
  private static final String TOKEN_PATH = "/oauth/token";
  private static final String LAUNCH_PATH = "/api/v2/flows/executions";

  /**
   * 600 launches from 16 threads; the current token is expired on the emulator after the 150th,
   * 300th and 450th call started. Each expiry must cost exactly one token request: the calls that
   * meet {@code 401 invalid_token} invalidate the refused token only if it is still the cached one,
   * and the renewal is single-flight, so the first of them fetches and the rest wait for that fetch
   * or find its token cached.
   */
  @Test
  void forced_expiries_mid_load_cost_one_refresh_each_and_no_failed_call() throws Exception {
    String secret = TestFlows.newSecret();
    int calls = 600;
    int threads = 16;
    int phases = 4;
    RecordingListener listener = new RecordingListener();
    try (SecretGuard guard = new SecretGuard();
        FlowExecutionsEmulator emulator =
            TestFlows.emulator(secret, Clock.systemUTC()).requestHistoryLimit(10_000).start()) {
      RetrofitTransport transport =
          RetrofitTransport.builder()
              .baseUrl(emulator.baseUrl())
              .credentials(TestFlows.CLIENT_ID, secret)
              .build();
      guard.record(transport.toString());
      Set<String> expired = ConcurrentHashMap.newKeySet();
      List<FlowApiException> failures = new ArrayList<>();

      try (FlowExecutionsClient client =
          FlowExecutionsClient.builder()
              .transport(transport)
              .retryPolicy(RetryPolicy.none()) // a 401 must be handled inside the one attempt
              .listener(listener)
              .build()) {
        guard.record(client.toString());
        // The token is expired between phases of concurrent load, while the client still holds it:
        // every thread's next attempt meets the 401 at once. Expiring it in the middle of a phase
        // would let an attempt that started before one expiry outlive the next one on a slow
        // machine, and a token refused twice in one attempt is a failure by design.
        for (int phase = 0; phase < phases; phase++) {
          if (phase > 0) {
            String current = latestToken(emulator, expired);
            assertThat(emulator.expireToken(current)).isTrue();
            expired.add(current);
          }
          run(
              calls / phases,
              threads,
              i -> {
                try {
                  FlowExecution execution = client.launch(TestFlows.request());
                  assertThat(execution.flowExecutionId()).isNotBlank();
                } catch (FlowApiException failure) {
                  guard.record(failure);
                  synchronized (failures) {
                    failures.add(failure);
                  }
                }
              });
        }
      }

      List<ReceivedRequest> requests = emulator.requests();
      long tokenRequests = requests.stream().filter(r -> r.path().equals(TOKEN_PATH)).count();
      long launchRequests = requests.stream().filter(r -> r.path().equals(LAUNCH_PATH)).count();
      guard.println(
          String.format(
              "%n=== forced token expiry: %d calls, %d expiries, %d token requests, "
                  + "%d launch requests (each extra one was resent with a renewed token), %d failures%n",
              calls, expired.size(), tokenRequests, launchRequests, failures.size()));

      assertThat(failures).as("failed calls").isEmpty();
      assertThat(expired).hasSize(3);
      assertThat(tokenRequests)
          .as("one token for the start, one per expiry")
          .isEqualTo(1 + expired.size());
      assertThat(emulator.executionCount()).isEqualTo(calls);
      assertThat(listener.attemptFailures()).isEmpty();
      assertThat(launchRequests)
          .as("each expiry was met by at least one refused launch")
          .isGreaterThanOrEqualTo(calls + expired.size());

      guard.assertNoneOf(secrets(secret, requests));
    }
  }

  /**
   * Tokens live 1 s on the emulator (the shortest {@code expires_in} it can state); the transport
   * renews a token 10 % of its lifetime before it expires. Over about 3 s of paced load, every
   * renewal is proactive: at most one token request per 0.9 s of run time (plus the first), at
   * least two in all, and no call fails.
   */
  @Test
  void short_lived_tokens_are_renewed_before_they_expire_without_a_failed_call() throws Exception {
    String secret = TestFlows.newSecret();
    int calls = 400;
    int threads = 8;
    try (SecretGuard guard = new SecretGuard();
        FlowExecutionsEmulator emulator =
            TestFlows.emulator(secret, Clock.systemUTC())
                .tokenLifetime(Duration.ofSeconds(1))
                .requestHistoryLimit(10_000)
                .start()) {
      RetrofitTransport transport =
          RetrofitTransport.builder()
              .baseUrl(emulator.baseUrl())
              .credentials(TestFlows.CLIENT_ID, secret)
              .build();
      List<FlowApiException> failures = new ArrayList<>();
      long started = System.nanoTime();
      try (FlowExecutionsClient client =
          FlowExecutionsClient.builder()
              .transport(transport)
              .retryPolicy(RetryPolicy.none())
              .build()) {
        run(
            calls,
            threads,
            i -> {
              try {
                client.launch(TestFlows.request());
                Thread.sleep(60); // pace: 8 threads x 50 calls x 60 ms = about 3 s
              } catch (FlowApiException failure) {
                guard.record(failure);
                synchronized (failures) {
                  failures.add(failure);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      List<ReceivedRequest> requests = emulator.requests();
      long tokenRequests = requests.stream().filter(r -> r.path().equals(TOKEN_PATH)).count();
      long bound = elapsed.toMillis() / 900 + 1;
      guard.println(
          String.format(
              "%n=== short-lived tokens: %d calls in %d ms, %d token requests (bound %d), "
                  + "%d failures%n",
              calls, elapsed.toMillis(), tokenRequests, bound, failures.size()));

      assertThat(failures).as("failed calls").isEmpty();
      assertThat(emulator.executionCount()).isEqualTo(calls);
      assertThat(tokenRequests).isBetween(2L, bound);
      guard.assertNoneOf(secrets(secret, requests));
    }
  }

  /** The auth failures' texts, and every toString on the way, show no token or secret. */
  @Test
  void auth_failures_show_no_token_and_no_secret() throws Exception {
    String secret = TestFlows.newSecret();
    try (SecretGuard guard = new SecretGuard();
        FlowExecutionsEmulator emulator =
            TestFlows.emulator(secret, Clock.systemUTC()).requestHistoryLimit(1_000).start()) {
      String readOnly = emulator.issueToken(Set.of("flow:read"));
      String expiring = emulator.issueToken(Set.of("flow:execute"));
      emulator.expireToken(expiring);
      List<RetrofitTransport.Builder> builders =
          List.of(
              RetrofitTransport.builder()
                  .baseUrl(emulator.baseUrl())
                  .credentials(TestFlows.CLIENT_ID, secret + "x"),
              RetrofitTransport.builder()
                  .baseUrl(emulator.baseUrl())
                  .credentials(TestFlows.READER_CLIENT_ID, secret)
                  .scopes("flow:execute"),
              RetrofitTransport.builder()
                  .baseUrl(emulator.baseUrl())
                  .credentials(TestFlows.READER_CLIENT_ID, secret)
                  .scopes("flow:read"),
              RetrofitTransport.builder().baseUrl(emulator.baseUrl()).accessToken(readOnly),
              RetrofitTransport.builder().baseUrl(emulator.baseUrl()).accessToken(expiring));
      List<Class<?>> expected =
          List.of(
              AuthenticationException.class,
              AuthenticationException.class,
              InsufficientScopeException.class,
              InsufficientScopeException.class,
              AuthenticationException.class);
      for (int i = 0; i < builders.size(); i++) {
        RetrofitTransport.Builder builder = builders.get(i);
        guard.record(builder.toString());
        RetrofitTransport transport = builder.build();
        guard.record(transport.toString());
        try (FlowExecutionsClient client =
            FlowExecutionsClient.builder()
                .transport(transport)
                .retryPolicy(RetryPolicy.none())
                .build()) {
          guard.record(client.toString());
          LaunchRequest request = TestFlows.request();
          try {
            client.launch(request);
            throw new AssertionError("launch " + i + " should have failed");
          } catch (FlowApiException failure) {
            guard.record(failure);
            assertThat(failure).isExactlyInstanceOf(expected.get(i));
          }
          try {
            client.launchAsync(request).join();
            throw new AssertionError("async launch " + i + " should have failed");
          } catch (RuntimeException failure) {
            guard.record(failure);
          }
        }
      }
      assertThat(guard.exceptionsRecorded()).isEqualTo(2 * builders.size());
      assertThat(emulator.executionCount()).isZero();

      Set<String> secrets = secrets(secret, emulator.requests());
      secrets.add(secret + "x");
      secrets.add(readOnly);
      secrets.add(expiring);
      guard.assertNoneOf(secrets);
    }
  }

  // ---------------------------------------------------------------- helpers

  private interface Call {
    void run(int index) throws Exception;
  }

  private static void run(int calls, int threads, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                  call.run(i);
                }
                return null;
              }));
    }
    try {
      for (Future<?> worker : workers) {
        worker.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The bearer token of the latest launch request that does not carry an expired one. */
  private static String latestToken(FlowExecutionsEmulator emulator, Set<String> expired) {
    List<ReceivedRequest> requests = emulator.requests();
    for (int i = requests.size() - 1; i >= 0; i--) {
      String token = bearer(requests.get(i));
      if (token != null && !expired.contains(token)) {
        return token;
      }
    }
    throw new AssertionError("no launch carried a live token yet");
  }

  private static String bearer(ReceivedRequest request) {
    return request
        .header("Authorization")
        .filter(v -> v.startsWith("Bearer "))
        .map(v -> v.substring("Bearer ".length()))
        .orElse(null);
  }

  /** The client secret, and every token and Basic credential the emulator saw. */
  private static Set<String> secrets(String secret, List<ReceivedRequest> requests) {
    Set<String> secrets = new LinkedHashSet<>();
    secrets.add(secret);
    for (ReceivedRequest request : requests) {
      request
          .header("Authorization")
          .ifPresent(
              v -> {
                int space = v.indexOf(' ');
                secrets.add(space < 0 ? v : v.substring(space + 1));
              });
    }
    assertThat(secrets.size()).as("the secret and at least one credential").isGreaterThan(1);
    return secrets.stream()
        .filter(s -> !s.isBlank())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
