package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-12-01T08:00:00Z"));

  private static VerifiedDelivery delivery(String id) {
    return new VerifiedDelivery(
        id, null, new byte[0], WebhookHeaders.ofSingleValues(java.util.Map.of()));
  }

  @Test
  void remembersHandledIdsOnlyNotSeenOnes() {
    ReplayCache cache = ReplayCache.builder().clock(clock).build();
    cache.checkNotHandled(delivery("msg_1")); // seen, not handled: passes, and is not remembered
    cache.checkNotHandled(delivery("msg_1"));
    assertThat(cache.isHandled("msg_1")).isFalse();

    cache.markHandled(delivery("msg_1"));
    assertThatThrownBy(() -> cache.checkNotHandled(delivery("msg_1")))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WebhookVerificationException.Reason.REPLAYED);
              assertThat(e.delivery()).hasValue(delivery("msg_1"));
            })
        .hasMessageContaining("msg_1");
    cache.checkNotHandled(delivery("msg_2"));
  }

  @Test
  void forgetsIdsAfterMaxAge() {
    ReplayCache cache = ReplayCache.builder().clock(clock).maxAge(Duration.ofMinutes(10)).build();
    cache.markHandled("a");
    clock.advance(Duration.ofMinutes(6));
    cache.markHandled("b");
    clock.advance(Duration.ofMinutes(4));
    assertThat(cache.isHandled("a")).isTrue(); // exactly maxAge old
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.isHandled("a")).isFalse();
    assertThat(cache.isHandled("b")).isTrue();
    assertThat(cache.size()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(6));
    assertThat(cache.size()).isZero();
  }

  @Test
  void holdsAtMostMaxEntriesDroppingTheEldest() {
    ReplayCache cache = ReplayCache.builder().clock(clock).maxEntries(3).build();
    for (String id : List.of("a", "b", "c")) {
      cache.markHandled(id);
    }
    cache.markHandled("a"); // handled again: now the youngest
    cache.markHandled("d");
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.isHandled("b")).isFalse();
    assertThat(cache.isHandled("a")).isTrue();
    assertThat(cache.isHandled("c")).isTrue();
    assertThat(cache.isHandled("d")).isTrue();
  }

  @Test
  void isSafeUnderConcurrentUseAndStaysBounded() throws Exception {
    ReplayCache cache = ReplayCache.builder().clock(clock).maxEntries(1_000).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 5_000; i++) {
                    String id = thread + "-" + i;
                    cache.markHandled(id);
                    if (!cache.isHandled(id) && cache.size() < 1_000) {
                      throw new AssertionError("lost " + id);
                    }
                  }
                }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.size()).isEqualTo(1_000);
  }

  @Test
  void refusesSenselessBounds() {
    assertThatThrownBy(() -> ReplayCache.builder().maxEntries(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplayCache.builder().maxAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
