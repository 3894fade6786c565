package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.Endpoint;
import dev.flowexec.sdk.testing.Fault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Decides which {@link Fault}, if any, a request gets: first the scripted faults, in the order they
 * were scripted, then the random ones. Thread-safe.
 */
public final class FaultInjector {
  private static final class Scripted {
    final Fault fault;
    int remaining;

    Scripted(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final List<Scripted> script = new ArrayList<>();
  private List<Fault> randomFaults = List.of();
  private double randomRate;
  private Random random = new Random(0);

  /**
   * Queues a fault for the next {@code count} requests to its endpoints.
   *
   * @param count how many requests
   * @param fault the fault
   */
  public synchronized void script(int count, Fault fault) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    script.add(new Scripted(fault, count));
  }

  /**
   * Gives every request to the faults' endpoints the chance {@code rate} of getting one of them,
   * chosen by a generator seeded with {@code seed}. Replaces earlier random faults.
   *
   * @param rate probability from 0 to 1
   * @param seed the generator's seed
   * @param faults the faults to choose among; empty to stop random faults
   */
  public synchronized void random(double rate, long seed, List<Fault> faults) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be within [0, 1]: " + rate);
    }
    this.randomRate = rate;
    this.random = new Random(seed);
    this.randomFaults = List.copyOf(faults);
  }

  /**
   * Takes the fault for one request, consuming a scripted one if it applies.
   *
   * @param endpoint the endpoint of the request
   * @return the fault, or {@code null} to answer normally
   */
  public synchronized Fault take(Endpoint endpoint) {
    for (Iterator<Scripted> it = script.iterator(); it.hasNext(); ) {
      Scripted s = it.next();
      if (s.fault.endpoints().contains(endpoint)) {
        if (--s.remaining == 0) {
          it.remove();
        }
        return s.fault;
      }
    }
    List<Fault> candidates = new ArrayList<>();
    for (Fault f : randomFaults) {
      if (f.endpoints().contains(endpoint)) {
        candidates.add(f);
      }
    }
    if (candidates.isEmpty() || random.nextDouble() >= randomRate) {
      return null;
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  /**
   * The number of scripted faults not yet used.
   *
   * @return the count
   */
  public synchronized int pending() {
    int n = 0;
    for (Scripted s : script) {
      n += s.remaining;
    }
    return n;
  }

  /** Forgets all scripted and random faults. */
  public synchronized void clear() {
    script.clear();
    randomFaults = List.of();
    randomRate = 0;
  }
}
