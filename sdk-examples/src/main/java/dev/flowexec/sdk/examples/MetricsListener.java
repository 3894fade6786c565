package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.transport.Operation;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a team would chart: launches (started, succeeded), reads, retries, and failed calls
 * by {@code error_code}. Thread-safe and lock-free on the hot path ({@link LongAdder}s), so one
 * instance can serve every client in the process.
 *
 * <p>Feed a metrics backend from {@link #snapshot()} on a timer, or replace the adders with your
 * registry's counters (Micrometer's {@code Counter}, say): the listener methods stay the same.
 *
 * <pre>{@code
 * MetricsListener metrics = new MetricsListener();
 * FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).listener(metrics).build();
 * ...
 * MetricsListener.Snapshot s = metrics.snapshot();   // s.launches(), s.errors().get("rate_limited")
 * }</pre>
 */
public final class MetricsListener implements ExecutionListener {
  private final LongAdder launches = new LongAdder();
  private final LongAdder launchesSucceeded = new LongAdder();
  private final LongAdder gets = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

  @Override
  public void retryScheduled(RetryScheduled retry) {
    retries.increment();
  }

  /** Counts each call once, when it has finished: all its attempts and retries are behind it. */
  @Override
  public void callFinished(CallFinished call) {
    RuntimeException failure = call.failure().orElse(null);
    if (call.operation() == Operation.LAUNCH) {
      launches.increment();
      if (failure == null) {
        launchesSucceeded.increment();
      }
    } else {
      gets.increment();
    }
    if (failure != null) {
      errors.computeIfAbsent(errorCode(failure), code -> new LongAdder()).increment();
    }
  }

  /**
   * Returns the counts so far. Each counter is read on its own, so a snapshot taken while calls
   * finish may be off by those calls; that is the usual trade for lock-free counting.
   *
   * @return an immutable snapshot
   */
  public Snapshot snapshot() {
    Map<String, Long> byCode = new TreeMap<>();
    errors.forEach((code, count) -> byCode.put(code, count.sum()));
    return new Snapshot(launches.sum(), launchesSucceeded.sum(), gets.sum(), retries.sum(),
        Collections.unmodifiableMap(byCode));
  }

  /** The key a failure is counted under: its {@code error_code}, or its class for other failures. */
  static String errorCode(RuntimeException failure) {
    return failure instanceof FlowApiException ? ((FlowApiException) failure).errorCode()
        : failure.getClass().getSimpleName();
  }

  /** Counts at one moment. */
  public static final class Snapshot {
    private final long launches;
    private final long launchesSucceeded;
    private final long gets;
    private final long retries;
    private final Map<String, Long> errors;

    Snapshot(long launches, long launchesSucceeded, long gets, long retries, Map<String, Long> errors) {
      this.launches = launches;
      this.launchesSucceeded = launchesSucceeded;
      this.gets = gets;
      this.retries = retries;
      this.errors = errors;
    }

    /** @return launch calls finished, successful or not (a retried launch counts once) */
    public long launches() {
      return launches;
    }

    /** @return launch calls that returned an execution (new or replayed) */
    public long launchesSucceeded() {
      return launchesSucceeded;
    }

    /** @return read calls finished, including each poll of {@code awaitCompletion} */
    public long gets() {
      return gets;
    }

    /** @return retries scheduled, over all calls */
    public long retries() {
      return retries;
    }

    /** @return failed calls (launch and read) by {@code error_code}, sorted by code */
    public Map<String, Long> errors() {
      return errors;
    }

    /** @return the number of failed calls */
    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
      return "launches=" + launches + " (ok " + launchesSucceeded + "), gets=" + gets
          + ", retries=" + retries + ", errors=" + errors;
    }
  }
}
