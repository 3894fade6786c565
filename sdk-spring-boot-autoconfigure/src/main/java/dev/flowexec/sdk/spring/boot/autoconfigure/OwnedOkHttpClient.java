package dev.flowexec.sdk.spring.boot.autoconfigure;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client the auto-configuration makes for the transport when OkHttp customizers exist
 * and the application has no client of its own. The transport treats a client it was given as the
 * caller's, so this bean shuts its dispatcher and pool down when the context closes (after the
 * transport, which depends on it).
 */
final class OwnedOkHttpClient implements AutoCloseable {
  private final OkHttpClient client;

  OwnedOkHttpClient(OkHttpClient client) {
    this.client = client;
  }

  /**
   * The same limits as the transport's own client: 64 concurrent calls per host, daemon threads.
   */
  static OkHttpClient.Builder defaults() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "flowexec-okhttp-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder().dispatcher(dispatcher).connectionPool(new ConnectionPool());
  }

  OkHttpClient client() {
    return client;
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
