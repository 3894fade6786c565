package dev.flowexec.sdk;

import java.time.Duration;

/**
 * Waits between retries and polls of synchronous calls. Injected so that tests never really sleep.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait; zero or positive
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns the sleeper that really sleeps, with {@link Thread#sleep(long)}.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
