package dev.flowexec.sdk.retrofit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Routes a MockWebServer's requests: {@code /oauth/token} to token responses, everything else to
 * API responses. Queued responses are used first, then the fallback. Token responses can be held
 * back until {@link #releaseTokens()}, to test callers that arrive during a fetch.
 */
final class FakeService extends Dispatcher {
  final AtomicInteger tokenRequests = new AtomicInteger();
  final AtomicInteger apiRequests = new AtomicInteger();
  final List<RecordedRequest> tokenRecorded = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> apiRecorded = new CopyOnWriteArrayList<>();
  final CountDownLatch tokenRequested = new CountDownLatch(1);

  private final Deque<MockResponse> tokens = new ArrayDeque<>();
  private final Deque<MockResponse> api = new ArrayDeque<>();
  private Supplier<MockResponse> tokenFallback = () -> Fixtures.token("token-x", 3600, null);
  private Supplier<MockResponse> apiFallback = Fixtures::created;
  private volatile CountDownLatch tokenGate = new CountDownLatch(0);

  synchronized FakeService token(MockResponse response) {
    tokens.add(response);
    return this;
  }

  synchronized FakeService api(MockResponse response) {
    api.add(response);
    return this;
  }

  synchronized FakeService tokenFallback(Supplier<MockResponse> fallback) {
    tokenFallback = fallback;
    return this;
  }

  FakeService holdTokens() {
    tokenGate = new CountDownLatch(1);
    return this;
  }

  void releaseTokens() {
    tokenGate.countDown();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    if (request.getPath() != null && request.getPath().endsWith("/token")) {
      tokenRequests.incrementAndGet();
      tokenRecorded.add(request);
      tokenRequested.countDown();
      if (!tokenGate.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the test never released the token response");
      }
      synchronized (this) {
        return tokens.isEmpty() ? tokenFallback.get() : tokens.poll();
      }
    }
    apiRequests.incrementAndGet();
    apiRecorded.add(request);
    synchronized (this) {
      return api.isEmpty() ? apiFallback.get() : api.poll();
    }
  }
}
