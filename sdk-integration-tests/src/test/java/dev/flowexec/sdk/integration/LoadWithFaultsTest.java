package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.integration.support.RecordingListener;
import dev.flowexec.sdk.integration.support.SecretGuard;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Execution;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import dev.flowexec.sdk.transport.CallOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 launches from 32 threads against the emulator, 25 % of the launch requests answered with a
 * fault drawn from a seeded generator: 500 and 503 JSON errors, an HTML 502, 429 with {@code
 * Retry-After} in both forms, the connection dropped after the launch was recorded, and a response
 * slower than the transport's read timeout. Three attempts per launch, so a few calls fail and the
 * failures cover every kind of fault.
 *
 * <p>Checked: every call ends in a {@link FlowExecution} or a typed {@link FlowApiException} and
 * within its deadline (plus a small tolerance for scheduling on a busy 2-core machine); the
 * emulator holds exactly one execution per id among the successful launches (no duplicate, none
 * lost), none for ids never launched, and at most one for each failed call's id; every failed call
 * whose execution exists says so ({@link FlowApiException#executionMayHaveStarted()}); every launch
 * request that reached the emulator is an attempt the listener saw; no access token appears in any
 * output, log or exception text. The report gives these counters per 10,000 launches.
 *
 * <p>Runtime is kept small: backoff of a few milliseconds and {@code Retry-After} capped at 50 ms
 * by the client's {@link RetryPolicy#maxRetryAfter()}; only slow responses cost real time (the 300
 * ms read timeout). The soak of the issue (60,000 launches) is opt-in: {@code mvn verify
 * -Dflowexec.load.launches=60000}.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES) // the bounded waits below end a run long before
class LoadWithFaultsTest {
  private static final int CALLS = Integer.getInteger("flowexec.load.launches", 10_000);
  private static final int THREADS = 32;
  private static final long SEED = 20_261_128L;
  private static final double FAULT_RATE = 0.25;
  private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
  private static final Duration SLOW = Duration.ofMillis(600);
  private static final Duration CALL_TIMEOUT = Duration.ofMillis(2_500);

  /** Scheduling slack on a shared 2-core machine: thread wake-ups, GC. */
  private static final Duration TOLERANCE = Duration.ofMillis(300);

  private static final Fault[] FAULTS = {
    Fault.status(500),
    Fault.status(503),
    Fault.htmlBadGateway(),
    Fault.rateLimited(Duration.ofSeconds(1), RetryAfterFormat.DELAY_SECONDS),
    Fault.rateLimited(Duration.ofSeconds(1), RetryAfterFormat.HTTP_DATE),
    Fault.dropConnectionAfterProcessing(),
    Fault.slowResponse(SLOW),
  };

  /** One call's outcome. */
  private static final class Outcome {
    final LaunchRequest request;
    final FlowExecution execution;
    final FlowApiException failure;
    final Duration took;

    Outcome(
        LaunchRequest request, FlowExecution execution, FlowApiException failure, Duration took) {
      this.request = request;
      this.execution = execution;
      this.failure = failure;
      this.took = took;
    }
  }

  @Test
  void launches_under_random_faults_end_typed_in_time_with_exactly_one_execution_each()
      throws Exception {
    String secret = TestFlows.newSecret();
    RecordingListener listener = new RecordingListener();
    List<Throwable> unexpected = new ArrayList<>();
    AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(CALLS);
    long started;
    long elapsedNanos;
    String token;

    try (SecretGuard guard = new SecretGuard();
        FlowExecutionsEmulator emulator =
            TestFlows.emulator(secret, Clock.systemUTC()).requestHistoryLimit(0).start()) {
      token = emulator.issueToken(Set.of("flow:execute", "flow:execution:read"));
      emulator.faults().random(FAULT_RATE, SEED, FAULTS);
      RetrofitTransport transport =
          RetrofitTransport.builder()
              .baseUrl(emulator.baseUrl())
              .accessToken(token)
              .connectTimeout(Duration.ofSeconds(2))
              .readTimeout(READ_TIMEOUT)
              .build();
      RetryPolicy policy =
          RetryPolicy.builder()
              .maxAttempts(3)
              .initialBackoff(Duration.ofMillis(5))
              .maxBackoff(Duration.ofMillis(40))
              .maxRetryAfter(Duration.ofMillis(50))
              .build();
      LaunchRequest[] requests = new LaunchRequest[CALLS];
      for (int i = 0; i < CALLS; i++) {
        requests[i] = TestFlows.request().withName("load " + i);
      }

      try (FlowExecutionsClient client =
          FlowExecutionsClient.builder()
              .transport(transport)
              .retryPolicy(policy)
              .listener(listener)
              .build()) {
        guard.record(client.toString());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          workers.add(
              pool.submit(
                  () -> {
                    for (int i = next.getAndIncrement(); i < CALLS; i = next.getAndIncrement()) {
                      LaunchRequest request = requests[i];
                      long t0 = System.nanoTime();
                      try {
                        FlowExecution execution =
                            client.launch(request, CallOptions.ofTimeout(CALL_TIMEOUT));
                        outcomes.set(
                            i,
                            new Outcome(
                                request,
                                execution,
                                null,
                                Duration.ofNanos(System.nanoTime() - t0)));
                      } catch (FlowApiException failure) {
                        guard.record(failure);
                        outcomes.set(
                            i,
                            new Outcome(
                                request, null, failure, Duration.ofNanos(System.nanoTime() - t0)));
                      } catch (Throwable other) {
                        guard.record(other);
                        synchronized (unexpected) {
                          unexpected.add(other);
                        }
                        outcomes.set(
                            i,
                            new Outcome(
                                request, null, null, Duration.ofNanos(System.nanoTime() - t0)));
                      }
                    }
                  }));
        }
        for (Future<?> worker : workers) {
          worker.get(100L * Math.max(1, CALLS / 10_000), TimeUnit.SECONDS);
        }
        elapsedNanos = System.nanoTime() - started;
        pool.shutdown();
      }
      listener.attemptFailures().forEach(guard::record);

      // ---- every call ended, typed, in time
      assertThat(unexpected).as("failures that are not a FlowApiException").isEmpty();
      List<Outcome> all = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        assertThat(outcomes.get(i)).as("call %d ended", i).isNotNull();
        all.add(outcomes.get(i));
      }
      Duration longest = all.stream().map(o -> o.took).max(Duration::compareTo).orElseThrow();
      List<Outcome> late =
          all.stream()
              .filter(o -> o.took.compareTo(CALL_TIMEOUT.plus(TOLERANCE)) > 0)
              .collect(Collectors.toList());
      assertThat(late)
          .as(
              "calls that outlived their %d ms deadline by more than %d ms",
              CALL_TIMEOUT.toMillis(), TOLERANCE.toMillis())
          .isEmpty();

      // ---- exactly one execution per successful id; nothing else
      List<Outcome> successes =
          all.stream().filter(o -> o.execution != null).collect(Collectors.toList());
      List<Outcome> failures =
          all.stream().filter(o -> o.failure != null).collect(Collectors.toList());
      // A call can end (its deadline passed) while the emulator still handles its request and
      // records the execution a moment later: count only once the emulator is quiet.
      awaitQuiet(emulator);
      List<Execution> executions = emulator.executions();
      Map<String, Long> perId =
          executions.stream()
              .collect(Collectors.groupingBy(Execution::flowExecutionId, Collectors.counting()));
      long duplicates = perId.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
      Set<String> launchedIds =
          all.stream().map(o -> o.request.flowExecutionId()).collect(Collectors.toSet());
      List<String> lost = new ArrayList<>();
      for (Outcome success : successes) {
        assertThat(success.execution.flowExecutionId())
            .isEqualTo(success.request.flowExecutionId());
        assertThat(success.execution.name()).isEqualTo(success.request.name());
        if (!perId.containsKey(success.request.flowExecutionId())) {
          lost.add(success.request.flowExecutionId());
        }
      }
      long failedButStarted =
          failures.stream().filter(o -> perId.containsKey(o.request.flowExecutionId())).count();
      List<String> startedWithoutFlag =
          failures.stream()
              .filter(o -> perId.containsKey(o.request.flowExecutionId()))
              .filter(o -> !o.failure.executionMayHaveStarted())
              .map(o -> o.request.flowExecutionId() + ": " + o.failure.getMessage())
              .collect(Collectors.toList());
      long flaggedButNotStarted =
          failures.stream()
              .filter(o -> o.failure.executionMayHaveStarted())
              .filter(o -> !perId.containsKey(o.request.flowExecutionId()))
              .count();
      Set<String> strangers = new HashSet<>(perId.keySet());
      strangers.removeAll(launchedIds);

      assertThat(duplicates).as("duplicate executions").isZero();
      assertThat(lost).as("successful launches without an execution").isEmpty();
      assertThat(strangers).as("executions nobody launched").isEmpty();
      assertThat(executions).hasSize(successes.size() + (int) failedButStarted);
      assertThat(successes.size() + failures.size()).isEqualTo(CALLS);

      // ---- figures
      long emulatorAttempts = launchedIds.stream().mapToLong(emulator::launchAttempts).sum();
      Map<String, Long> injected = replayInjectedFaults(emulatorAttempts);
      Map<String, Long> failuresByCause =
          failures.stream()
              .collect(
                  Collectors.groupingBy(
                      o -> RecordingListener.causeKey(o.failure),
                      TreeMap::new,
                      Collectors.counting()));
      long retries = listener.retriesByCause().values().stream().mapToLong(Long::longValue).sum();
      String report =
          "\n=== load with faults: "
              + CALLS
              + " launches, "
              + THREADS
              + " threads, fault rate "
              + FAULT_RATE
              + ", seed "
              + SEED
              + '\n'
              + String.format(
                  "calls: %d (succeeded %d, failed typed %d, untyped %d) in %d ms%n",
                  all.size(),
                  successes.size(),
                  failures.size(),
                  unexpected.size(),
                  TimeUnit.NANOSECONDS.toMillis(elapsedNanos))
              + String.format(
                  "attempts: %d by the client, %d launch requests seen by the emulator%n",
                  listener.attempts(), emulatorAttempts)
              + "retries: "
              + retries
              + " by cause "
              + listener.retriesByCause()
              + '\n'
              + "faults injected (replayed from the seed over the emulator's launch requests): "
              + injected.values().stream().mapToLong(Long::longValue).sum()
              + ' '
              + injected
              + '\n'
              + "failed calls by final cause: "
              + failuresByCause
              + '\n'
              + String.format(
                  "executions: %d; duplicates %d; lost %d; failed calls whose launch was recorded %d%n",
                  emulator.executionCount(), duplicates, lost.size(), failedButStarted)
              + String.format(
                  "longest call: %d ms (deadline %d ms, tolerance %d ms)%n",
                  longest.toMillis(), CALL_TIMEOUT.toMillis(), TOLERANCE.toMillis())
              + String.format(
                  "per 10,000 launches: duplicates %.1f; lost successes %.1f;"
                      + " failures whose execution exists without the flag %.1f (with it %.1f;"
                      + " flagged, none started %.1f); hangs %.1f; wire requests %.1f vs listener attempts %.1f%n",
                  per10k(duplicates),
                  per10k(lost.size()),
                  per10k(startedWithoutFlag.size()),
                  per10k(failedButStarted - startedWithoutFlag.size()),
                  per10k(flaggedButNotStarted),
                  per10k(late.size()),
                  per10k(emulatorAttempts),
                  per10k(listener.attempts()));
      guard.println(report);

      // ---- the failures tell the truth; every request on the wire is an attempt the listener saw
      assertThat(startedWithoutFlag)
          .as("failed calls whose execution exists but whose exception says none may have started")
          .isEmpty();
      assertThat(emulatorAttempts)
          .as("launch requests the emulator received vs attempts the listener saw")
          .isEqualTo(listener.attempts());

      guard.assertNoneOf(List.of(token, secret));
    }
  }

  private static double per10k(long count) {
    return count * 10_000.0 / CALLS;
  }

  /**
   * The emulator draws one number per launch request from {@code new Random(SEED)} (and one more to
   * pick the fault when it injects one), so replaying the draws over the number of launch requests
   * it received gives the faults it injected, by kind. A figure for the report only.
   */
  private static Map<String, Long> replayInjectedFaults(long launchRequests) {
    Random random = new Random(SEED);
    Function<Fault, String> name =
        f ->
            f.kind()
                + (f.status() != 0 ? " " + f.status() : "")
                + f.retryAfterFormat().map(r -> " " + r).orElse("");
    Map<String, Long> counts = new TreeMap<>();
    for (long i = 0; i < launchRequests; i++) {
      if (random.nextDouble() < FAULT_RATE) {
        counts.merge(name.apply(FAULTS[random.nextInt(FAULTS.length)]), 1L, Long::sum);
      }
    }
    return counts;
  }

  /**
   * Waits until the emulator has received no request and recorded no execution for 500 ms (at most
   * 15 s), so that what it holds no longer changes under the assertions.
   */
  private static void awaitQuiet(FlowExecutionsEmulator emulator) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    long requests = -1;
    int executions = -1;
    while (System.nanoTime() < deadline) {
      long nowRequests = emulator.requestCount();
      int nowExecutions = emulator.executionCount();
      if (nowRequests == requests && nowExecutions == executions) {
        return;
      }
      requests = nowRequests;
      executions = nowExecutions;
      Thread.sleep(500);
    }
  }
}
