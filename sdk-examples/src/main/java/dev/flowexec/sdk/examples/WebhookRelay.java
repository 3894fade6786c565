package dev.flowexec.sdk.examples;

import com.squareup.moshi.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;

/**
 * A webhook endpoint that launches a flow for each event it receives, exactly once per event.
 *
 * <p>{@code POST /events} with a {@link WebhookEvent} answers:
 * <ul>
 *   <li>{@code 200} {@code {"event_id", "flow_execution_id", "flow_id", "status"}}: launched, or
 *       launched before (a redelivery gets the same execution id, and nothing new starts);
 *   <li>{@code 400} {@code {"error": "invalid_event", "message", "problems": [{"field", "issue", "message"}]}}:
 *       the event is malformed or breaks a rule of the contract; sending it again will not help;
 *   <li>{@code 409} {@code event_conflict}: this event id was delivered before with other content;
 *   <li>{@code 422} with the service's {@code error_code} (such as {@code flow_not_published}): the
 *       service refused the launch for a reason a redelivery will not fix;
 *   <li>{@code 503} (with {@code Retry-After} when the service gave one): the service is
 *       unavailable, rate-limited or unreachable; the sender should deliver again later, which
 *       is safe.
 * </ul>
 *
 * <p>The relay needs no store of its own: the idempotency key is derived from the event
 * ({@link WebhookEvent#executionIdFor}), and the service remembers it. Concurrent deliveries of one
 * event are safe too: the one that loses the race gets {@code 409 request_in_progress}, which the
 * client retries until the first launch is done, and then gets the same execution.
 */
public final class WebhookRelay implements AutoCloseable {
  /** Set to {@code true} before the first {@link HttpServer} is made, or responses wait on delayed ACKs. */
  public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
  /** Where events are posted. */
  public static final String PATH = "/events";
  /** The largest event accepted: 1 MiB, the service's own limit on a launch body. */
  public static final int MAX_EVENT_BYTES = 1 << 20;

  private final FlowExecutionsClient client;
  private final String defaultFlowId;
  private final HttpServer server;
  private final ExecutorService executor;

  private WebhookRelay(FlowExecutionsClient client, InetSocketAddress address, String defaultFlowId) {
    this.client = client;
    this.defaultFlowId = defaultFlowId;
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(32, task -> {
      Thread thread = new Thread(task, "webhook-relay-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      this.server = HttpServer.create(address, 64);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
    server.createContext(PATH, this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Starts a relay.
   *
   * @param client the client that launches; the relay does not close it
   * @param address where to listen, such as {@code new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)}
   * @param defaultFlowId the flow for events without {@code flow_id}, or null to require one
   * @return the running relay
   */
  public static WebhookRelay start(FlowExecutionsClient client, InetSocketAddress address, String defaultFlowId) {
    return new WebhookRelay(client, address, defaultFlowId);
  }

  /** @return where to post events, such as {@code http://127.0.0.1:8080/events} */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + PATH);
  }

  /** Stops listening; deliveries in flight get a moment to finish. The client stays open. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, error("method_not_allowed", "POST the event as JSON to " + PATH, null));
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        respond(exchange, 413, error("event_too_large", "an event is at most " + MAX_EVENT_BYTES + " bytes", null));
        return;
      }
      LaunchRequest request;
      WebhookEvent event;
      try {
        event = WebhookEvent.parse(body);
        request = event.toLaunchRequest(defaultFlowId);
      } catch (RequestValidationException invalid) {
        respond(exchange, 400, error("invalid_event", invalid.getMessage(), invalid.fieldErrors()));
        return;
      }
      try {
        FlowExecution execution = client.launch(request);
        respond(exchange, 200, json(w -> w.beginObject()
            .name("event_id").value(event.eventId())
            .name("flow_execution_id").value(execution.flowExecutionId())
            .name("flow_id").value(execution.flowId())
            .name("status").value(execution.status().value())
            .endObject()));
      } catch (FlowApiException failure) {
        refused(exchange, event, failure);
      }
    } catch (RuntimeException unexpected) {
      respond(exchange, 500, error("relay_error", "the relay failed: " + unexpected, null));
    } finally {
      exchange.close();
    }
  }

  private static void refused(HttpExchange exchange, WebhookEvent event, FlowApiException failure) throws IOException {
    String message = Console.firstLine(failure.getMessage());
    int status = failure.statusCode();
    if (IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED.equals(failure.errorCode())) {
      respond(exchange, 409, error("event_conflict", "event " + event.eventId()
          + " was delivered before with other content; give a changed event a new event_id", null));
    } else if (status == 0 || status == 429 || status >= 500) {
      failure.retryAfter().ifPresent(after ->
          exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, after.toSeconds()))));
      respond(exchange, 503, error(failure.errorCode(), message + " (deliver the event again later)", null));
    } else {
      respond(exchange, 422, error(failure.errorCode(), message, null));
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_EVENT_BYTES + 1);
    return body.length > MAX_EVENT_BYTES ? null : body;
  }

  private static byte[] error(String code, String message, List<FieldError> problems) {
    return json(w -> {
      w.beginObject().name("error").value(code).name("message").value(message);
      if (problems != null) {
        w.name("problems").beginArray();
        for (FieldError problem : problems) {
          w.beginObject().name("field").value(problem.field()).name("issue").value(problem.issue())
              .name("message").value(problem.message()).endObject();
        }
        w.endArray();
      }
      w.endObject();
    });
  }

  private interface JsonBody {
    void write(JsonWriter writer) throws IOException;
  }

  private static byte[] json(JsonBody body) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      body.write(writer);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a Buffer does not fail
    }
    return buffer.readByteArray();
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  /** The {@code relay} command: serves until stopped (Ctrl-C). */
  static int runCommand(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    RemoteCommands.Options options = RemoteCommands.Options.parse("relay", args, Set.of("--port", "--flow-id"), Set.of(), 0);
    int port;
    try {
      port = Integer.parseInt(options.single("--port").orElse("8080"));
    } catch (NumberFormatException e) {
      throw new UsageException("--port must be a number from 0 to 65535, such as 8080");
    }
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be a number from 0 to 65535, such as 8080");
    }
    String defaultFlowId = options.single("--flow-id").orElse(null);
    Console console = new Console(out);
    FlowExecutionsEmulator emulator = null;
    RetrofitTransport transport;
    if (EnvConfig.hasBaseUrl(env)) {
      EnvConfig config = EnvConfig.from(env);
      config.warnings().forEach(warning -> err.println("warning: " + warning));
      transport = config.transport();
      console.line("endpoint", config);
    } else {
      emulator = Demo.startEmulator(Demo.QUEUED_FOR, Demo.RUNNING_FOR);
      transport = RetrofitTransport.builder().baseUrl(emulator.baseUrl())
          .credentials(Demo.CLIENT_ID, Demo.CLIENT_SECRET).build();
      console.line("endpoint", emulator.baseUrl() + " (in-process emulator; flows " + Demo.FLOW_ID
          + " and " + Demo.DRAFT_FLOW_ID + "; set " + EnvConfig.BASE_URL + " for a real one)");
      if (defaultFlowId == null) {
        defaultFlowId = Demo.FLOW_ID;
      }
    }
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).build();
    WebhookRelay relay;
    try {
      relay = start(client, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), defaultFlowId);
    } catch (UncheckedIOException busy) {
      client.close();
      if (emulator != null) {
        emulator.close();
      }
      throw new UsageException("cannot listen on port " + port + " (" + busy.getCause().getMessage()
          + "): choose another with --port");
    }
    console.line("relay", relay.uri() + (defaultFlowId == null ? "" : " (default flow " + defaultFlowId + ")"));
    console.line("try", "curl -s -X POST " + relay.uri() + " -H 'Content-Type: application/json' -d '"
        + "{\"event_id\": \"evt-1\", \"user_id\": \"user-456\", \"channel\": \"web\", \"data\": {\"order_id\": \"42\"}}'");
    console.line("", "send it twice: the same flow_execution_id comes back, and one execution runs");
    console.line("stop", "Ctrl-C");
    CountDownLatch stopped = new CountDownLatch(1);
    FlowExecutionsEmulator started = emulator;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      relay.close();
      client.close();
      if (started != null) {
        started.close();
      }
      stopped.countDown();
    }, "webhook-relay-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Main.OK;
  }
}
