package dev.flowexec.sdk.testing.internal.client;

import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.testing.internal.VirtualTimeScheduler;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.TransportResponse;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A transport that tells a {@link VirtualTimeScheduler} while its calls are in flight, so that
 * virtual time stands still during an HTTP call and its callbacks (which schedule the next retry or
 * poll), and moves on only once they are done.
 */
final class TrackedTransport implements FlowTransport {
  private final FlowTransport delegate;
  private final VirtualTimeScheduler scheduler;

  TrackedTransport(FlowTransport delegate, VirtualTimeScheduler scheduler) {
    this.delegate = delegate;
    this.scheduler = scheduler;
  }

  @Override
  public TransportResponse launch(LaunchRequest request, CallOptions options) {
    return blocking(() -> delegate.launch(request, options));
  }

  @Override
  public TransportResponse get(String flowExecutionId, CallOptions options) {
    return blocking(() -> delegate.get(flowExecutionId, options));
  }

  @Override
  public CompletableFuture<TransportResponse> launchAsync(
      LaunchRequest request, CallOptions options) {
    return async(() -> delegate.launchAsync(request, options));
  }

  @Override
  public CompletableFuture<TransportResponse> getAsync(
      String flowExecutionId, CallOptions options) {
    return async(() -> delegate.getAsync(flowExecutionId, options));
  }

  private <T> T blocking(Supplier<T> call) {
    scheduler.enter();
    try {
      return call.get();
    } finally {
      scheduler.exit();
    }
  }

  private <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> call) {
    scheduler.enter();
    CompletableFuture<T> inner;
    try {
      inner = call.get();
    } catch (RuntimeException e) {
      scheduler.exit();
      throw e;
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    inner.whenComplete(
        (value, failure) -> {
          scheduler.participate();
          try {
            // The caller's callbacks run here, inside the tracked call: what they schedule is
            // queued before the clock may move.
            if (failure != null) {
              out.completeExceptionally(failure);
            } else {
              out.complete(value);
            }
          } finally {
            scheduler.exit();
          }
        });
    out.whenComplete(
        (value, failure) -> {
          if (out.isCancelled()) {
            inner.cancel(true);
          }
        });
    return out;
  }

  @Override
  public Optional<URI> baseUrl() {
    return delegate.baseUrl();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
