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
import dev.flowexec.sdk.webhooks.DeliveryResponse;
import dev.flowexec.sdk.webhooks.GitHubSignatureVerifier;
import dev.flowexec.sdk.webhooks.LaunchedDelivery;
import dev.flowexec.sdk.webhooks.RawBody;
import dev.flowexec.sdk.webhooks.StandardWebhooksVerifier;
import dev.flowexec.sdk.webhooks.StripeSignatureVerifier;
import dev.flowexec.sdk.webhooks.VerifiedDelivery;
import dev.flowexec.sdk.webhooks.WebhookLauncher;
import dev.flowexec.sdk.webhooks.WebhookSigner;
import dev.flowexec.sdk.webhooks.WebhookVerificationException;
import dev.flowexec.sdk.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;

/**
 * A webhook endpoint that verifies each delivery's signature and launches a flow for it, exactly
 * once per delivery id, on {@link WebhookLauncher}.
 *
 * <p>{@code POST /events}, signed by the sender's scheme (Standard Webhooks by default), with a
 * {@link WebhookEvent} body, answers:
 *
 * <ul>
 *   <li>{@code 201} {@code {"delivery_id", "flow_execution_id", "flow_id", "status", "outcome"}}
 *       with {@code outcome} {@code started}: a new execution;
 *   <li>{@code 200}, the same body, with {@code outcome} {@code replayed} (the service replayed the
 *       execution an earlier delivery started) or {@code already_handled} (this relay launched this
 *       delivery id before, and sent nothing to the service this time);
 *   <li>{@code 401} {@code invalid_signature}: the delivery failed verification. The answer does
 *       not say which check failed (the relay's log does), so a forger learns nothing;
 *   <li>{@code 413} {@code event_too_large}: over the verifier's body limit (1 MiB);
 *   <li>{@code 422} {@code invalid_event} with {@code problems}: the signed event cannot make a
 *       valid launch; delivering it again will not help;
 *   <li>{@code 409} {@code event_conflict}: this delivery id was launched before with other
 *       content;
 *   <li>{@code 422} with the service's {@code error_code} (such as {@code flow_not_published}): the
 *       service refused the launch for a reason a redelivery will not fix;
 *   <li>{@code 503} with {@code Retry-After}: the service is unavailable, rate-limited or
 *       unreachable; the sender should deliver again later, which is safe: the delivery was not
 *       marked handled, and its redelivery launches under the same execution id.
 * </ul>
 *
 * <p>The statuses and {@code Retry-After} are {@link DeliveryResponse}'s. Nothing is parsed or
 * launched before the signature is verified. The relay needs no store of its own: the idempotency
 * key is derived from the delivery id, and the service remembers it, so concurrent deliveries and
 * deliveries to several relays behind a load balancer start one execution too.
 */
public final class WebhookRelay implements AutoCloseable {
  /**
   * Set to {@code true} before the first {@link HttpServer} is made, or responses wait on delayed
   * ACKs.
   */
  public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  /** Where events are posted. */
  public static final String PATH = "/events";

  /** The environment variable of the signing secret. */
  public static final String SECRET_ENV = "FLOWEXEC_WEBHOOK_SECRET";

  /**
   * The secret of the relay on the in-process emulator when {@link #SECRET_ENV} is not set: the
   * published Standard Webhooks test secret, a fixture, never for production.
   */
  public static final String DEMO_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final System.Logger LOG = System.getLogger(WebhookRelay.class.getName());

  private final WebhookLauncher launcher;
  private final HttpServer server;
  private final ExecutorService executor;

  private WebhookRelay(
      FlowExecutionsClient client,
      WebhookVerifier verifier,
      InetSocketAddress address,
      String defaultFlowId) {
    this.launcher =
        WebhookLauncher.builder()
            .verifier(verifier)
            .mapping(
                delivery ->
                    Optional.of(
                        WebhookEvent.parse(delivery.payload()).toLaunchRequest(defaultFlowId)))
            .client(client)
            .build();
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            32,
            task -> {
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
   * @param verifier the verifier of the sender's signature scheme, such as {@code
   *     StandardWebhooksVerifier.builder().secret(secret).build()}
   * @param address where to listen, such as {@code new
   *     InetSocketAddress(InetAddress.getLoopbackAddress(), 0)}
   * @param defaultFlowId the flow for events without {@code flow_id}, or null to require one
   * @return the running relay
   */
  public static WebhookRelay start(
      FlowExecutionsClient client,
      WebhookVerifier verifier,
      InetSocketAddress address,
      String defaultFlowId) {
    return new WebhookRelay(client, verifier, address, defaultFlowId);
  }

  /** Returns where to post events, such as {@code http://127.0.0.1:8080/events}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host =
        address.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : address.getAddress().getHostAddress();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + address.getPort()
            + PATH);
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
        respond(
            exchange, 405, error("method_not_allowed", "POST the signed event to " + PATH, null));
        return;
      }
      try {
        byte[] body = RawBody.read(exchange.getRequestBody(), launcher.verifier().maxBodyBytes());
        launched(exchange, launcher.handle(body, exchange.getRequestHeaders()));
      } catch (RuntimeException failure) {
        failed(exchange, failure);
      }
    } finally {
      exchange.close();
    }
  }

  private static void launched(HttpExchange exchange, LaunchedDelivery launched)
      throws IOException {
    FlowExecution execution = launched.execution().orElseThrow(); // the mapping never ignores
    respond(
        exchange,
        DeliveryResponse.of(launched).status(),
        json(
            w ->
                w.beginObject()
                    .name("delivery_id")
                    .value(launched.delivery().id())
                    .name("flow_execution_id")
                    .value(execution.flowExecutionId())
                    .name("flow_id")
                    .value(execution.flowId())
                    .name("status")
                    .value(execution.status().value())
                    .name("outcome")
                    .value(launched.outcome().name().toLowerCase(Locale.ROOT))
                    .endObject()));
  }

  /**
   * The status and {@code Retry-After} are {@link DeliveryResponse}'s; the bodies say more where it
   * is safe.
   */
  private void failed(HttpExchange exchange, RuntimeException failure) throws IOException {
    DeliveryResponse answer = DeliveryResponse.ofFailure(failure);
    answer
        .retryAfterHeader()
        .ifPresent(seconds -> exchange.getResponseHeaders().set("Retry-After", seconds));
    int status = answer.status();
    if (failure instanceof WebhookVerificationException) {
      WebhookVerificationException unverified = (WebhookVerificationException) failure;
      if (unverified.reason() == WebhookVerificationException.Reason.REPLAYED) {
        alreadyHandled(exchange, status, unverified.delivery().orElseThrow());
        return;
      }
      // The log says which check failed; the sender, who may be a forger, is not told.
      LOG.log(
          System.Logger.Level.WARNING,
          "refused a delivery: {0}: {1}",
          unverified.reason(),
          unverified.getMessage());
      respond(
          exchange,
          status,
          unverified.reason() == WebhookVerificationException.Reason.BODY_TOO_LARGE
              ? error(
                  "event_too_large",
                  "an event is at most " + launcher.verifier().maxBodyBytes() + " bytes",
                  null)
              : error("invalid_signature", "the delivery could not be verified", null));
    } else if (failure instanceof RequestValidationException) {
      RequestValidationException invalid = (RequestValidationException) failure;
      respond(
          exchange, status, error("invalid_event", invalid.getMessage(), invalid.fieldErrors()));
    } else if (failure instanceof FlowApiException) {
      FlowApiException refused = (FlowApiException) failure;
      String message = Console.firstLine(refused.getMessage());
      if (IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED.equals(refused.errorCode())) {
        respond(
            exchange,
            status,
            error(
                "event_conflict",
                "this delivery id was launched before with other content;"
                    + " give a changed event a new delivery id",
                null));
      } else {
        respond(
            exchange,
            status,
            error(
                refused.errorCode(),
                status == 503 ? message + " (deliver the event again later)" : message,
                null));
      }
    } else {
      LOG.log(System.Logger.Level.ERROR, "the relay failed on a delivery", failure);
      respond(exchange, status, error("relay_error", "the relay failed: " + failure, null));
    }
  }

  /** Handled before: answer as the first time, from the verified delivery, without a launch. */
  private void alreadyHandled(HttpExchange exchange, int status, VerifiedDelivery delivery)
      throws IOException {
    LaunchRequest request = launcher.requestFor(delivery).orElseThrow();
    respond(
        exchange,
        status,
        json(
            w ->
                w.beginObject()
                    .name("delivery_id")
                    .value(delivery.id())
                    .name("flow_execution_id")
                    .value(request.flowExecutionId())
                    .name("flow_id")
                    .value(request.flowId())
                    .name("outcome")
                    .value("already_handled")
                    .endObject()));
  }

  private static byte[] error(String code, String message, List<FieldError> problems) {
    return json(
        w -> {
          w.beginObject().name("error").value(code).name("message").value(message);
          if (problems != null) {
            w.name("problems").beginArray();
            for (FieldError problem : problems) {
              w.beginObject()
                  .name("field")
                  .value(problem.field())
                  .name("issue")
                  .value(problem.issue())
                  .name("message")
                  .value(problem.message())
                  .endObject();
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
  static int runCommand(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    RemoteCommands.Options options =
        RemoteCommands.Options.parse(
            "relay", args, Set.of("--port", "--flow-id", "--scheme"), Set.of(), 0);
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
    String scheme = options.single("--scheme").orElse("standard");
    String secret = env.get(SECRET_ENV);
    if ((secret == null || secret.isEmpty()) && EnvConfig.hasBaseUrl(env)) {
      throw new UsageException(
          SECRET_ENV
              + " is not set: the relay verifies every delivery with the sender's"
              + " signing secret (whsec_... for Standard Webhooks and Stripe)");
    }
    WebhookVerifier verifier =
        verifier(scheme, secret == null || secret.isEmpty() ? DEMO_SECRET : secret);
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
      transport =
          RetrofitTransport.builder()
              .baseUrl(emulator.baseUrl())
              .credentials(Demo.CLIENT_ID, Demo.CLIENT_SECRET)
              .build();
      console.line(
          "endpoint",
          emulator.baseUrl()
              + " (in-process emulator; flows "
              + Demo.FLOW_ID
              + " and "
              + Demo.DRAFT_FLOW_ID
              + "; set "
              + EnvConfig.BASE_URL
              + " for a real one)");
      if (defaultFlowId == null) {
        defaultFlowId = Demo.FLOW_ID;
      }
    }
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).build();
    WebhookRelay relay;
    try {
      relay =
          start(
              client,
              verifier,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
              defaultFlowId);
    } catch (UncheckedIOException busy) {
      client.close();
      if (emulator != null) {
        emulator.close();
      }
      throw new UsageException(
          "cannot listen on port "
              + port
              + " ("
              + busy.getCause().getMessage()
              + "): choose another with --port");
    }
    console.line(
        "relay",
        relay.uri() + (defaultFlowId == null ? "" : " (default flow " + defaultFlowId + ")"));
    console.line(
        "verifies",
        verifier
            + (secret == null || secret.isEmpty()
                ? " with the demo secret (the published Standard Webhooks test secret); set "
                    + SECRET_ENV
                    + " for yours"
                : " with the secret in " + SECRET_ENV));
    if (secret == null || secret.isEmpty()) {
      String event =
          "{\"user_id\": \"user-456\", \"channel\": \"web\", \"data\": {\"order_id\": \"42\"}}";
      Map<String, String> signed =
          signer(scheme, DEMO_SECRET)
              .sign("msg_demo_1", Instant.now(), event.getBytes(StandardCharsets.UTF_8));
      StringBuilder curl =
          new StringBuilder(
              "curl -s -X POST " + relay.uri() + " -H 'Content-Type: application/json'");
      signed.forEach(
          (name, value) ->
              curl.append(" -H '").append(name).append(": ").append(value).append('\''));
      console.line("try", curl + " -d '" + event + "'");
      console.line(
          "",
          "signed now, valid for 5 minutes; send it twice: the same flow_execution_id comes back,"
              + " and one execution runs; change a byte and it is refused");
    }
    console.line("stop", "Ctrl-C");
    CountDownLatch stopped = new CountDownLatch(1);
    FlowExecutionsEmulator started = emulator;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  relay.close();
                  client.close();
                  if (started != null) {
                    started.close();
                  }
                  stopped.countDown();
                },
                "webhook-relay-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Main.OK;
  }

  private static WebhookVerifier verifier(String scheme, String secret) {
    try {
      switch (scheme) {
        case "standard":
          return StandardWebhooksVerifier.builder().secret(secret).build();
        case "stripe":
          return StripeSignatureVerifier.builder().secret(secret).build();
        case "github":
          return GitHubSignatureVerifier.builder().secret(secret).build();
        default:
          throw new UsageException(
              "--scheme "
                  + scheme
                  + " is not known: use standard (Standard Webhooks, Svix),"
                  + " stripe or github");
      }
    } catch (IllegalArgumentException badSecret) {
      throw new UsageException(SECRET_ENV + ": " + badSecret.getMessage());
    }
  }

  private static WebhookSigner signer(String scheme, String secret) {
    switch (scheme) {
      case "stripe":
        return WebhookSigner.stripe(secret);
      case "github":
        return WebhookSigner.gitHub(secret);
      default:
        return WebhookSigner.standardWebhooks(secret);
    }
  }
}
