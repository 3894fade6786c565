package dev.flowexec.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one server every contender talks to: answers {@code POST /api/v2/flows/executions} with a
 * fixed {@code 201} execution, on 127.0.0.1 only.
 *
 * <p>JDK {@code com.sun.net.httpserver} with a fixed thread pool, chosen because it is fast and has
 * no dependency. {@code sun.net.httpserver.nodelay} must be set before the server is created:
 * without TCP_NODELAY every response waits ~40 ms for delayed ACKs and all contenders look the
 * same.
 *
 * <p>{@code run.sh} starts it as a separate process ({@link #main}) so that its allocations and
 * threads are not counted in the client JVM's {@code gc.alloc.rate.norm}; the benchmarks start one
 * in-process only when no {@code flowexec.bench.baseUrl} is given (handy for a quick try).
 */
public final class LoopbackServer implements AutoCloseable {
  /** The launch path of the contract. */
  public static final String LAUNCH_PATH = "/api/v2/flows/executions";

  static final String EXECUTION_ID = "2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11";

  /** The fixed response body: an execution as the contract describes it. */
  public static final byte[] EXECUTION_JSON =
      ("{\"flow_execution_id\":\""
              + EXECUTION_ID
              + "\","
              + "\"flow_id\":\"abc-123\",\"flow_version\":\"3\",\"name\":null,\"status\":\"QUEUED\","
              + "\"channel_type\":\"web\",\"created_at\":\"2026-11-28T10:00:00Z\","
              + "\"updated_at\":\"2026-11-28T10:00:00Z\",\"completed_at\":null,\"output_data\":null,"
              + "\"error\":null,\"self_uri\":\""
              + LAUNCH_PATH
              + "/"
              + EXECUTION_ID
              + "\"}")
          .getBytes(StandardCharsets.UTF_8);

  private static final byte[] NOT_FOUND =
      ("{\"error_code\":\"not_found\",\"message\":\"only POST "
              + LAUNCH_PATH
              + " is served\",\"request_id\":\"req_bench\"}")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService pool;
  private final AtomicLong launches = new AtomicLong();
  private final int logFirst;

  private LoopbackServer(int port, int threads, int logFirst) throws IOException {
    // Before HttpServer.create: the JDK reads it once, when the server class initializes.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.logFirst = logFirst;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "loopback-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server on 127.0.0.1.
   *
   * @param port the port, 0 for any free one
   * @param threads the handler pool size
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static LoopbackServer start(int port, int threads) throws IOException {
    return new LoopbackServer(port, threads, 0);
  }

  /**
   * Returns the base URL, such as {@code http://127.0.0.1:41234}.
   *
   * @return the base URL, no trailing slash
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Returns how many launches were answered.
   *
   * @return the count
   */
  public long launches() {
    return launches.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = drain(exchange.getRequestBody());
      String path = exchange.getRequestURI().getPath();
      boolean launch =
          "POST".equals(exchange.getRequestMethod())
              && (path.equals(LAUNCH_PATH) || path.equals(LAUNCH_PATH + "/"));
      long n = launch ? launches.incrementAndGet() : 0;
      if (n > 0 && n <= logFirst) {
        System.out.println(
            "request "
                + n
                + ": "
                + exchange.getRequestMethod()
                + " "
                + path
                + " "
                + exchange.getRequestHeaders().entrySet()
                + " "
                + new String(body, StandardCharsets.UTF_8));
      }
      byte[] response = launch ? EXECUTION_JSON : NOT_FOUND;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (launch) {
        exchange.getResponseHeaders().set("Location", LAUNCH_PATH + "/" + EXECUTION_ID);
      }
      exchange.sendResponseHeaders(launch ? 201 : 404, response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    } finally {
      exchange.close();
    }
  }

  /** Reads the whole request body, keeping it only when it is logged. */
  private byte[] drain(InputStream in) throws IOException {
    if (logFirst > 0) {
      return in.readAllBytes();
    }
    byte[] buffer = new byte[2048];
    while (in.read(buffer) >= 0) {
      // discard
    }
    return buffer;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  /**
   * Runs the server as its own process until killed or until {@code --max-seconds} passed.
   *
   * <p>Arguments: {@code --port N} (0 = any), {@code --threads N}, {@code --url-file PATH} (written
   * with the base URL once the server listens), {@code --max-seconds N} (a bound, so that a
   * forgotten server stops by itself), {@code --log-first N} (print the first N launch requests).
   *
   * @param args the arguments above
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = 0;
    int threads = 4;
    int maxSeconds = 3600;
    int logFirst = 0;
    Path urlFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port":
          port = Integer.parseInt(args[++i]);
          break;
        case "--threads":
          threads = Integer.parseInt(args[++i]);
          break;
        case "--max-seconds":
          maxSeconds = Integer.parseInt(args[++i]);
          break;
        case "--log-first":
          logFirst = Integer.parseInt(args[++i]);
          break;
        case "--url-file":
          urlFile = Path.of(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    LoopbackServer server = new LoopbackServer(port, threads, logFirst);
    if (urlFile != null) {
      Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
      Files.writeString(tmp, server.baseUrl() + "\n");
      Files.move(tmp, urlFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    System.out.println("listening on " + server.baseUrl() + " with " + threads + " threads");
    Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
    System.out.println("stopping after " + maxSeconds + " s, " + server.launches() + " launches");
    server.close();
  }
}
