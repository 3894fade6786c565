package dev.flowexec.sdk.testing.internal;

import java.time.Duration;

/**
 * Holds launches in flight while closed, so a test can send a second launch with the same id and
 * see {@code 409 request_in_progress}. A held launch waits at most {@link #MAX_HOLD}, then goes on.
 * Thread-safe.
 */
public final class LaunchGate {
  /** The longest a launch is held if the test never opens the gate. */
  public static final Duration MAX_HOLD = Duration.ofSeconds(30);

  private boolean holding;
  private boolean shutDown;
  private int held;

  /** Holds the launches that reach the gate from now on. */
  public synchronized void hold() {
    if (!shutDown) {
      holding = true;
    }
  }

  /** Lets held launches and later ones go on. */
  public synchronized void release() {
    holding = false;
    notifyAll();
  }

  /** Releases everything for good, when the emulator closes. */
  public synchronized void shutDown() {
    shutDown = true;
    release();
  }

  /**
   * Called by a launch that has been let in flight: waits while the gate holds.
   *
   * @throws InterruptedException if the thread is interrupted
   */
  public synchronized void pass() throws InterruptedException {
    if (!holding) {
      return;
    }
    held++;
    notifyAll();
    try {
      long deadline = System.nanoTime() + MAX_HOLD.toNanos();
      while (holding) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    } finally {
      held--;
      notifyAll();
    }
  }

  /**
   * Waits until at least {@code count} launches are held.
   *
   * @param count the number of launches
   * @param timeout the longest wait
   * @return whether that many are held
   * @throws InterruptedException if the thread is interrupted
   */
  public synchronized boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (held < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
