package dev.flowexec.sdk.integration.support;

import dev.flowexec.sdk.Sleeper;
import dev.flowexec.sdk.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records each wait the client asks for and returns at once (or advances a {@link TestClock}), so
 * that contract tests never really sleep, and can still check the delays asked for.
 */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final TestClock clock;
  private volatile Runnable onSleep = () -> {};

  public RecordingSleeper() {
    this(null);
  }

  public RecordingSleeper(TestClock clock) {
    this.clock = clock;
  }

  /** Runs {@code action} on every sleep, before it returns. */
  public RecordingSleeper onSleep(Runnable action) {
    this.onSleep = action;
    return this;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    if (clock != null) {
      clock.advance(duration);
    }
    onSleep.run();
  }

  public List<Duration> sleeps() {
    return new ArrayList<>(sleeps);
  }
}
