package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.transport.ErrorResponse;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit, for {@link HttpClientTransport}: an error body ends one byte
 * past 64 KiB ({@link #cut()} says so), a success body past {@code maxSuccessBytes} is {@link
 * #tooLarge()}. Past the limit the subscription is cancelled, so the JDK closes the connection
 * instead of reading the rest to reuse it.
 */
final class BoundedBody implements BodySubscriber<BoundedBody> {
  static final int ERROR_LIMIT = ErrorResponse.MAX_BODY_BYTES;

  private final long limit;
  private final boolean success;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final CompletableFuture<BoundedBody> done = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private boolean over;

  private BoundedBody(long limit, boolean success) {
    this.limit = limit;
    this.success = success;
  }

  /** Bodies of 2xx responses up to {@code maxSuccessBytes}, others up to 64 KiB. */
  static BodyHandler<BoundedBody> handler(long maxSuccessBytes) {
    return info ->
        info.statusCode() / 100 == 2
            ? new BoundedBody(maxSuccessBytes, true)
            : new BoundedBody(ERROR_LIMIT, false);
  }

  /**
   * The bytes read: all of them, or the first 64 KiB + 1 of a cut error body; none when too large.
   */
  byte[] bytes() {
    return over && success ? new byte[0] : received.toByteArray();
  }

  /** Whether a success body went past its limit. */
  boolean tooLarge() {
    return over && success;
  }

  /** Whether an error body was cut at 64 KiB. */
  boolean cut() {
    return over && !success;
  }

  long limit() {
    return limit;
  }

  @Override
  public CompletionStage<BoundedBody> getBody() {
    return done;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      if (done.isDone()) {
        return;
      }
      byte[] chunk = new byte[(int) Math.min(buffer.remaining(), limit + 1 - received.size())];
      buffer.get(chunk);
      received.write(chunk, 0, chunk.length);
      if (received.size() > limit) {
        over = true;
        subscription.cancel();
        done.complete(this);
      }
    }
  }

  @Override
  public void onError(Throwable failure) {
    if (!success && received.size() > 0) {
      done.complete(this); // keep what arrived of an error body: the status says what happened
    } else {
      done.completeExceptionally(failure);
    }
  }

  @Override
  public void onComplete() {
    done.complete(this);
  }
}
