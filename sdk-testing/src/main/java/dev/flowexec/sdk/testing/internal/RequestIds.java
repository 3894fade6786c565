package dev.flowexec.sdk.testing.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Makes the {@code request_id} of each request: {@code req_} and 24 hex digits, unique. */
public final class RequestIds {
  private final AtomicLong counter = new AtomicLong();
  private final long prefix = new SecureRandom().nextLong();

  /**
   * The next id.
   *
   * @return a new id
   */
  public String next() {
    return String.format("req_%016x%08x", prefix, counter.incrementAndGet() & 0xffffffffL);
  }
}
