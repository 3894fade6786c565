package dev.flowexec.sdk.testing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executions, the launches in flight and the launch attempts per {@code flow_execution_id}.
 * Executions are kept for the retention (7 days) on the emulator's clock and then forgotten,
 * together with their attempt counts. Thread-safe: every method holds the store's lock.
 */
public final class ExecutionStore {
  /** What {@link #begin} decided for a launch. */
  public enum Decision {
    /** No execution and no launch in flight: this launch goes ahead and must {@link #finish}. */
    PROCEED,
    /** An execution exists with an identical body: answer it with 200. */
    REPLAY,
    /** An execution exists with a different body: 422. */
    KEY_REUSED,
    /** Another launch with this id is in flight: 409. */
    IN_PROGRESS
  }

  /** The decision for a launch and, for a replay, the existing execution. */
  public static final class Begin {
    private final Decision decision;
    private final StoredExecution existing;

    Begin(Decision decision, StoredExecution existing) {
      this.decision = decision;
      this.existing = existing;
    }

    /**
     * The decision.
     *
     * @return the decision
     */
    public Decision decision() {
      return decision;
    }

    /**
     * The existing execution, for {@link Decision#REPLAY} and {@link Decision#KEY_REUSED}.
     *
     * @return the execution, or {@code null}
     */
    public StoredExecution existing() {
      return existing;
    }
  }

  /** The most {@code flow_execution_id}s whose attempts are counted at once. */
  public static final int MAX_COUNTED_IDS = 100_000;

  private final Clock clock;
  private final Duration retention;
  private final Map<String, StoredExecution> executions = new LinkedHashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Integer> attempts =
      new LinkedHashMap<String, Integer>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > MAX_COUNTED_IDS;
        }
      };

  /**
   * Creates an empty store.
   *
   * @param clock the clock that retention is measured on
   * @param retention how long executions are kept
   */
  public ExecutionStore(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Counts one launch request that carried this {@code flow_execution_id}.
   *
   * @param id the id
   */
  public synchronized void countAttempt(String id) {
    attempts.merge(id, 1, Integer::sum);
  }

  /**
   * The number of launch requests that carried this id, whatever they were answered.
   *
   * @param id the id
   * @return the count
   */
  public synchronized int attempts(String id) {
    return attempts.getOrDefault(id, 0);
  }

  /**
   * Decides what a valid launch does; on {@link Decision#PROCEED} the id is in flight until {@link
   * #finish} or {@link #abandon}.
   *
   * @param id the {@code flow_execution_id}
   * @param canonicalBody the body in canonical JSON
   * @return the decision
   */
  public synchronized Begin begin(String id, String canonicalBody) {
    purge();
    StoredExecution existing = executions.get(id);
    if (existing != null) {
      return new Begin(
          existing.canonicalBody().equals(canonicalBody) ? Decision.REPLAY : Decision.KEY_REUSED,
          existing);
    }
    if (!inFlight.add(id)) {
      return new Begin(Decision.IN_PROGRESS, null);
    }
    return new Begin(Decision.PROCEED, null);
  }

  /**
   * Records the execution of a launch that {@link #begin} let proceed.
   *
   * @param execution the execution
   */
  public synchronized void finish(StoredExecution execution) {
    inFlight.remove(execution.id());
    executions.put(execution.id(), execution);
  }

  /**
   * Ends a launch that {@link #begin} let proceed without recording it.
   *
   * @param id the id
   */
  public synchronized void abandon(String id) {
    inFlight.remove(id);
  }

  /**
   * Finds an execution that is still kept.
   *
   * @param id the id
   * @return the execution, or {@code null}
   */
  public synchronized StoredExecution find(String id) {
    purge();
    return executions.get(id);
  }

  /**
   * The executions still kept, oldest first.
   *
   * @return a snapshot
   */
  public synchronized List<StoredExecution> all() {
    purge();
    return new ArrayList<>(executions.values());
  }

  /**
   * The number of executions still kept.
   *
   * @return the count
   */
  public synchronized int size() {
    purge();
    return executions.size();
  }

  /** Forgets executions and attempt counts (launches in flight stay in flight). */
  public synchronized void clear() {
    executions.clear();
    attempts.clear();
  }

  private void purge() {
    Instant horizon = clock.instant().minus(retention);
    for (Iterator<StoredExecution> it = executions.values().iterator(); it.hasNext(); ) {
      StoredExecution e = it.next();
      if (e.createdAt().isAfter(horizon)) {
        return; // oldest first: the rest are younger
      }
      it.remove();
      attempts.remove(e.id());
    }
  }
}
