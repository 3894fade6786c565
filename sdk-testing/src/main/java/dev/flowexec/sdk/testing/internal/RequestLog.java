package dev.flowexec.sdk.testing.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent requests, at most a fixed number (older ones drop off). Thread-safe. */
public final class RequestLog {
  private final int capacity;
  private final Deque<LoggedRequest> requests = new ArrayDeque<>();
  private long total;

  /**
   * Creates an empty log.
   *
   * @param capacity how many requests to keep, at least 0
   */
  public RequestLog(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Adds a request, dropping the oldest if full.
   *
   * @param request the request
   */
  public synchronized void add(LoggedRequest request) {
    total++;
    if (capacity == 0) {
      return;
    }
    if (requests.size() == capacity) {
      requests.removeFirst();
    }
    requests.addLast(request);
  }

  /**
   * The kept requests, oldest first.
   *
   * @return a snapshot
   */
  public synchronized List<LoggedRequest> snapshot() {
    return new ArrayList<>(requests);
  }

  /**
   * How many requests came since creation or the last {@link #clear()}, kept or not.
   *
   * @return the count
   */
  public synchronized long total() {
    return total;
  }

  /** Forgets all requests. */
  public synchronized void clear() {
    requests.clear();
    total = 0;
  }
}
