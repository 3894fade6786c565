package dev.flowexec.sdk.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the ids of deliveries that were <em>handled</em>, so that a delivery seen again is
 * answered without acting twice. Bounded in size and in age, thread-safe, in memory (per JVM).
 *
 * <p><b>Handled, not seen.</b> An id is remembered only by {@link #markHandled}, called once the
 * delivery's effect is done (the launch succeeded), never when it is merely verified. So when a
 * launch fails and the endpoint answers {@code 503}, the sender's redelivery of the same id passes
 * this cache and is launched again; were ids remembered on sight, that honest redelivery would be
 * refused as a replay and the event lost.
 *
 * <p><b>What it protects, and what does not depend on it.</b> Launching exactly once does not rest
 * on this cache but on the idempotent launch: the execution id is derived from the delivery id
 * ({@link DeliveryExecutionIds}), so any second launch of a delivery (a concurrent duplicate, a
 * redelivery after the cache evicted its id, a delivery to another node with its own cache) is
 * replayed by the service instead of starting anything. The cache saves those calls, and holds off
 * replays of captured deliveries for as long as it remembers: keep {@code maxAge} at least twice
 * the verifier's timestamp tolerance, so that a replay is refused here or by the timestamp check,
 * and longer for GitHub, which signs no timestamp.
 *
 * <p>Defaults: 100,000 ids (about 15 MB when full of 36-character ids), 24 hours.
 */
public final class ReplayCache {
  private final int maxEntries;
  private final Duration maxAge;
  private final Clock clock;

  /** Insertion order is handling order: the eldest entry is the first to expire or be evicted. */
  private final LinkedHashMap<String, Instant> handled = new LinkedHashMap<>();

  private ReplayCache(Builder builder) {
    this.maxEntries = builder.maxEntries;
    this.maxAge = builder.maxAge;
    this.clock = builder.clock;
  }

  /**
   * Creates a cache with the defaults.
   *
   * @return the cache
   */
  public static ReplayCache create() {
    return builder().build();
  }

  /**
   * Starts a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a delivery with this id was handled within {@code maxAge}.
   *
   * @param deliveryId the delivery id
   * @return true if it was
   */
  public synchronized boolean isHandled(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    expire(clock.instant());
    return handled.containsKey(deliveryId);
  }

  /**
   * Throws if the delivery was handled before.
   *
   * @param delivery a verified delivery
   * @throws WebhookVerificationException {@code REPLAYED} if its id was handled within {@code
   *     maxAge}
   */
  public void checkNotHandled(VerifiedDelivery delivery) {
    if (isHandled(delivery.id())) {
      throw WebhookVerificationException.replayed(delivery);
    }
  }

  /**
   * Remembers that a delivery was handled. Call it only once its effect is done, never on failure.
   *
   * @param delivery the delivery
   */
  public void markHandled(VerifiedDelivery delivery) {
    markHandled(delivery.id());
  }

  /**
   * Remembers that the delivery with this id was handled. Call it only once its effect is done.
   *
   * @param deliveryId the delivery id
   */
  public synchronized void markHandled(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Instant now = clock.instant();
    handled.remove(deliveryId); // re-inserted at the young end
    handled.put(deliveryId, now);
    expire(now);
    Iterator<String> eldest = handled.keySet().iterator();
    while (handled.size() > maxEntries) {
      eldest.next();
      eldest.remove();
    }
  }

  /**
   * Returns how many ids are remembered now.
   *
   * @return the count, at most {@code maxEntries}
   */
  public synchronized int size() {
    expire(clock.instant());
    return handled.size();
  }

  private void expire(Instant now) {
    Instant oldest = now.minus(maxAge);
    Iterator<Map.Entry<String, Instant>> entries = handled.entrySet().iterator();
    while (entries.hasNext()) {
      if (!entries.next().getValue().isBefore(oldest)) {
        return;
      }
      entries.remove();
    }
  }

  @Override
  public String toString() {
    return "ReplayCache{maxEntries=" + maxEntries + ", maxAge=" + maxAge + "}";
  }

  /** Builds a {@link ReplayCache}. Not thread-safe. */
  public static final class Builder {
    private int maxEntries = 100_000;
    private Duration maxAge = Duration.ofHours(24);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets how many ids are remembered at most; the eldest go first. Default 100,000.
     *
     * @param maxEntries at least 1
     * @return this
     */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Sets how long an id is remembered after it was handled. Default 24 hours.
     *
     * @param maxAge a positive duration, at least twice the verifier's tolerance
     * @return this
     */
    public Builder maxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Sets the clock ages are measured on. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the cache.
     *
     * @return an empty cache
     */
    public ReplayCache build() {
      return new ReplayCache(this);
    }
  }
}
