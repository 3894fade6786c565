package dev.flowexec.sdk.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs blocking transport calls off the caller's thread, on a shared pool of daemon threads (never
 * the common pool, which blocking I/O would starve). Cancelling the returned future interrupts the
 * call.
 */
final class BlockingCalls {
  private static final AtomicInteger THREAD_COUNT = new AtomicInteger();
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "flowexec-blocking-" + THREAD_COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private BlockingCalls() {}

  /** Runs {@code call} on the pool; cancelling the result interrupts it. */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Future<?> running =
        POOL.submit(
            () -> {
              try {
                result.complete(call.get());
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              }
            });
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            running.cancel(true);
          }
        });
    return result;
  }
}
