package dev.flowexec.sdk.integration.support;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.errors.FlowApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the client reports: attempts, retries by cause, token fetches, finished calls.
 * Thread-safe.
 */
public final class RecordingListener implements ExecutionListener {
  /** One scheduled retry. */
  public static final class Retry {
    public final String flowExecutionId;
    public final int attempt;
    public final Duration delay;
    public final FlowApiException cause;

    Retry(String flowExecutionId, int attempt, Duration delay, FlowApiException cause) {
      this.flowExecutionId = flowExecutionId;
      this.attempt = attempt;
      this.delay = delay;
      this.cause = cause;
    }
  }

  private final LongAdder attempts = new LongAdder();
  private final LongAdder calls = new LongAdder();
  private final AtomicLong longestCallNanos = new AtomicLong();
  private final Map<String, LongAdder> retriesByCause = new ConcurrentHashMap<>();
  private final List<Retry> retries = new CopyOnWriteArrayList<>();
  private final List<FlowApiException> attemptFailures = new CopyOnWriteArrayList<>();
  private final List<TokenFetched> tokenFetches = new CopyOnWriteArrayList<>();

  @Override
  public void attemptStarted(AttemptStarted attempt) {
    attempts.increment();
  }

  @Override
  public void attemptFinished(AttemptFinished attempt) {
    attempt
        .failure()
        .filter(FlowApiException.class::isInstance)
        .ifPresent(failure -> attemptFailures.add((FlowApiException) failure));
  }

  @Override
  public void tokenFetched(TokenFetched fetch) {
    tokenFetches.add(fetch);
  }

  @Override
  public void retryScheduled(RetryScheduled retry) {
    retries.add(new Retry(retry.flowExecutionId(), retry.attempt(), retry.delay(), retry.cause()));
    retriesByCause.computeIfAbsent(causeKey(retry.cause()), k -> new LongAdder()).increment();
  }

  @Override
  public void callFinished(CallFinished call) {
    calls.increment();
    longestCallNanos.accumulateAndGet(call.duration().toNanos(), Math::max);
  }

  /** A cause as {@code Type status error_code}, such as {@code ServerException 503 unavailable}. */
  public static String causeKey(FlowApiException cause) {
    return cause.getClass().getSimpleName() + " " + cause.statusCode() + " " + cause.errorCode();
  }

  public long attempts() {
    return attempts.sum();
  }

  public long calls() {
    return calls.sum();
  }

  public Duration longestCall() {
    return Duration.ofNanos(longestCallNanos.get());
  }

  public List<Retry> retries() {
    return new ArrayList<>(retries);
  }

  public List<TokenFetched> tokenFetches() {
    return new ArrayList<>(tokenFetches);
  }

  public List<FlowApiException> attemptFailures() {
    return new ArrayList<>(attemptFailures);
  }

  public Map<String, Long> retriesByCause() {
    Map<String, Long> out = new TreeMap<>();
    retriesByCause.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
