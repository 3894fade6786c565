package dev.flowexec.sdk.testing;

import dev.flowexec.sdk.testing.internal.FaultInjector;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fault script of an emulator, from {@link FlowExecutionsEmulator#faults()}. Scripted faults
 * come first, in the order they were scripted; random faults apply to the requests that no scripted
 * fault took. Each fault applies only to its {@linkplain Fault#endpoints() endpoints} (launches by
 * default), so a token request does not use up a launch fault. Thread-safe.
 *
 * <pre>{@code
 * emulator.faults().next(2, Fault.status(503));                       // next two launches
 * emulator.faults().next(1, Fault.dropConnectionAfterProcessing());   // then the third
 * emulator.faults().random(0.2, 42L, Fault.status(502), Fault.htmlBadGateway());
 * }</pre>
 */
public final class FaultScript {
  private final FaultInjector injector;

  FaultScript(FaultInjector injector) {
    this.injector = injector;
  }

  /**
   * Applies a fault to the next {@code count} requests to its endpoints.
   *
   * @param count how many requests, at least 1
   * @param fault the fault
   * @return this, to script more
   */
  public FaultScript next(int count, Fault fault) {
    injector.script(count, Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /**
   * Applies a fault to the next request to its endpoints.
   *
   * @param fault the fault
   * @return this, to script more
   */
  public FaultScript next(Fault fault) {
    return next(1, fault);
  }

  /**
   * Gives each request to the faults' endpoints the probability {@code rate} of getting one of
   * {@code faults} (chosen uniformly), from a generator seeded with {@code seed} so that a run can
   * be repeated. Replaces the random faults set before.
   *
   * @param rate probability from 0 to 1
   * @param seed the seed
   * @param faults the faults to choose among
   * @return this
   */
  public FaultScript random(double rate, long seed, Fault... faults) {
    for (Fault f : faults) {
      Objects.requireNonNull(f, "fault");
    }
    injector.random(rate, seed, Arrays.asList(faults));
    return this;
  }

  /**
   * The number of scripted fault uses not yet consumed.
   *
   * @return the count
   */
  public int pending() {
    return injector.pending();
  }

  /**
   * Forgets all scripted and random faults.
   *
   * @return this
   */
  public FaultScript clear() {
    injector.clear();
    return this;
  }
}
