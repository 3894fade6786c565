package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotPublishedException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.micrometer.FlowexecMetrics;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.Outcome;
import dev.flowexec.sdk.transport.ErrorMapper;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.webhooks.StandardWebhooksVerifier;
import dev.flowexec.sdk.webhooks.VerifiedDelivery;
import dev.flowexec.sdk.webhooks.WebhookHeaders;
import dev.flowexec.sdk.webhooks.WebhookLauncher;
import dev.flowexec.sdk.webhooks.WebhookSigner;
import dev.flowexec.sdk.webhooks.WebhookVerificationException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code demo} command: the SDK against an in-process emulator, with no network or account. It
 * launches a flow the way a webhook handler would and waits for it, then shows how each common
 * mistake is reported, and checks that every step behaved as expected (exit code 0).
 */
final class Demo {
  static final String FLOW_ID = "abc-123";
  static final String DRAFT_FLOW_ID = "draft-flow";
  static final String CLIENT_ID = "webhook-handler";
  static final String CLIENT_SECRET = "demo-webhook-secret";
  static final String READER_ID = "dashboard";
  static final String READER_SECRET = "demo-dashboard-secret";
  static final Duration QUEUED_FOR = Duration.ofMillis(500);
  static final Duration RUNNING_FOR = Duration.ofMillis(1500);

  /** The event a webhook delivers, and its delivery id (the {@code webhook-id} header). */
  static final String EVENT =
      "{\"flow_id\": \"abc-123\", \"user_id\": \"user-456\", "
          + "\"channel\": \"web\", \"data\": {\"order_id\": \"42\"}}";

  static final String DELIVERY_ID = "msg_1001";

  /** The contract's worked example: three payloads people try, and the details each gets. */
  static final Map<String, Set<String>> PAYLOADS = new LinkedHashMap<>();

  static {
    PAYLOADS.put(
        "{\"flow_id\": \"abc-123\", \"participant_id\": \"user-456\"}",
        Set.of(
            "participant_id unknown_field",
            "participants required",
            "flow_execution_id required",
            "channel_type required"));
    PAYLOADS.put(
        "{\"flow_id\": \"abc-123\", \"participants\": [{\"user_id\": \"user-456\", \"role\": \"USER\", "
            + "\"channels\": [\"voice\"]}], \"flow_execution_id\": \"new-execution-id-here\", \"start_node\": \"Start\"}",
        Set.of("channel_type required"));
    PAYLOADS.put(
        "{\"flow_id\": \"abc-123\", \"channel_type\": \"web\"}",
        Set.of("participants required", "flow_execution_id required"));
  }

  private final Console out;
  private final Duration queuedFor;
  private final Duration runningFor;
  private int checks;
  private int unexpected;

  Demo(PrintStream out, Duration queuedFor, Duration runningFor) {
    this.out = new Console(out);
    this.queuedFor = queuedFor;
    this.runningFor = runningFor;
  }

  static int run(PrintStream out) {
    return new Demo(out, QUEUED_FOR, RUNNING_FOR).run();
  }

  /** The emulator every in-process example uses: two flows, two registered clients. */
  static FlowExecutionsEmulator startEmulator(Duration queuedFor, Duration runningFor) {
    return FlowExecutionsEmulator.builder()
        .client(CLIENT_ID, CLIENT_SECRET, Scopes.FLOW_EXECUTE, Scopes.FLOW_EXECUTION_READ)
        .client(READER_ID, READER_SECRET, "flow:read")
        .flow(
            Flow.withId(FLOW_ID)
                .publishedVersion("3", "Start", "Greeting", "End")
                .outcome(
                    Outcome.completed(
                        Map.of("greeting", "Hello from the Greeting node", "messages_sent", 1))))
        .flow(Flow.withId(DRAFT_FLOW_ID)) // never published
        .lifecycle(queuedFor, runningFor)
        .start();
  }

  int run() {
    long start = System.nanoTime();
    out.text("flowexec demo: the Java SDK against an in-process emulator (no network, no account)");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FlowexecMetrics metrics = FlowexecMetrics.create(registry);
    ProgressListener progress = new ProgressListener(out.stream());
    try (FlowExecutionsEmulator emulator = startEmulator(queuedFor, runningFor);
        FlowExecutionsClient client =
            FlowExecutionsClient.builder()
                .transport(
                    RetrofitTransport.builder()
                        .baseUrl(emulator.baseUrl())
                        .credentials(CLIENT_ID, CLIENT_SECRET)
                        .build())
                .listener(metrics)
                .listener(progress)
                .build()) {
      out.text("");
      out.line("emulator", emulator.baseUrl());
      out.line(
          "flows",
          FLOW_ID
              + " (published, version 3: Start, Greeting, End), "
              + DRAFT_FLOW_ID
              + " (not published)");
      out.line(
          "clients",
          CLIENT_ID + " (flow:execute flow:execution:read), " + READER_ID + " (flow:read)");

      launchFromWebhook(emulator, client, progress);
      rawPayloads(emulator);
      readOnlyToken(emulator, metrics);
      unpublishedFlow(client);
      summarize(registry);
    } catch (RuntimeException failure) {
      out.stream().println();
      check(false, "the demo stopped: " + failure);
      failure.printStackTrace(out.stream());
    }
    out.text("");
    double seconds = (System.nanoTime() - start) / 1e9;
    if (unexpected == 0) {
      out.text(
          String.format(
              "All %d checks passed in %.1f s: every call behaved as expected.", checks, seconds));
      return Main.OK;
    }
    out.text(
        String.format(
            "%d of %d checks did not behave as expected (%.1f s).", unexpected, checks, seconds));
    return Main.FAILED;
  }

  /** 1. What a webhook handler does: event in, launch with a key derived from it, then wait. */
  private void launchFromWebhook(
      FlowExecutionsEmulator emulator, FlowExecutionsClient client, ProgressListener progress) {
    out.heading(
        "1. A webhook handler launches a flow (signature verified, request built from the event)");
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
    WebhookSigner sender = WebhookSigner.standardWebhooks(WebhookRelay.DEMO_SECRET);
    out.line("event", EVENT);
    out.line("delivery", DELIVERY_ID + ", signed by the sender (Standard Webhooks)");
    WebhookLauncher launcher =
        WebhookLauncher.builder()
            .verifier(StandardWebhooksVerifier.builder().secret(WebhookRelay.DEMO_SECRET).build())
            .mapping(
                delivery ->
                    Optional.of(WebhookEvent.parse(delivery.payload()).toLaunchRequest(null)))
            .client(client)
            .build();
    VerifiedDelivery delivery =
        launcher
            .verifier()
            .verify(
                body, WebhookHeaders.ofSingleValues(sender.sign(DELIVERY_ID, Instant.now(), body)));
    LaunchRequest request = launcher.requestFor(delivery).orElseThrow();
    Participant who = request.participants().get(0);
    out.line(
        "request",
        "flow "
            + request.flowId()
            + " on "
            + request.channelType()
            + " for "
            + who.userId()
            + " ("
            + who.role()
            + ", "
            + who.channels()
            + "), input_data "
            + request.inputData());
    out.line(
        "key", request.flowExecutionId() + " (name-based UUID of the flow and the delivery id)");

    FlowExecution launched = launcher.launch(delivery).execution().orElseThrow();
    check(
        launched.flowExecutionId().equals(request.flowExecutionId()),
        "the execution has the derived id");
    progress.watch("launched", launched);
    FlowExecution finished;
    try {
      finished = client.awaitCompletion(launched.flowExecutionId(), Duration.ofSeconds(30));
    } finally {
      progress.done();
    }
    out.execution(finished);
    check(finished.status().value().equals("COMPLETED"), "the execution completed");
    check(finished.outputData().isPresent(), "a completed execution has output_data");

    // The sender times out and delivers the same event again (a new signature, the same delivery
    // id):
    // the launcher knows it handled it; and a launch of it anyway (another node, say) is replayed.
    boolean answeredAsHandled;
    try {
      launcher.handle(
          body, WebhookHeaders.ofSingleValues(sender.sign(DELIVERY_ID, Instant.now(), body)));
      answeredAsHandled = false;
    } catch (WebhookVerificationException replayed) {
      answeredAsHandled = replayed.reason() == WebhookVerificationException.Reason.REPLAYED;
    }
    FlowExecution again = client.launch(request);
    out.line(
        "redelivered",
        "the same delivery again -> already handled, nothing sent; launched anyway -> execution "
            + again.flowExecutionId()
            + ", "
            + again.status()
            + "; the emulator holds "
            + emulator.executionCount()
            + " execution");
    check(
        answeredAsHandled
            && again.flowExecutionId().equals(launched.flowExecutionId())
            && emulator.executionCount() == 1,
        "a redelivered event launches nothing new");
  }

  /** 2. The contract's worked example, sent as raw JSON; the SDK's ErrorMapper types the 400. */
  private void rawPayloads(FlowExecutionsEmulator emulator) {
    out.heading(
        "2. The three payloads people try, sent raw (java.net.http), mapped by ErrorMapper");
    String token = emulator.issueToken(Set.of(Scopes.FLOW_EXECUTE));
    // Plain HTTP/1.1: this is a loopback emulator, there is no HTTP/2 to upgrade to.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int n = 0;
    for (Map.Entry<String, Set<String>> payload : PAYLOADS.entrySet()) {
      n++;
      out.line("payload " + n, payload.getKey());
      HttpRequest post =
          HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/v2/flows/executions"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString(payload.getKey()))
              .build();
      HttpResponse<byte[]> response;
      try {
        response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException | InterruptedException e) {
        check(false, "payload " + n + " was not answered: " + e);
        continue;
      }
      FlowApiException failure =
          ErrorMapper.map(
              JdkExchanges.errorResponse(
                  Operation.LAUNCH,
                  response.statusCode(),
                  response.headers(),
                  response.body(),
                  false));
      out.failure(failure);
      Set<String> got =
          failure instanceof InvalidRequestException
              ? ((InvalidRequestException) failure)
                  .fieldErrors().stream()
                      .map(e -> e.field() + " " + e.issue())
                      .collect(Collectors.toSet())
              : Set.of();
      check(
          failure instanceof InvalidRequestException && got.equals(payload.getValue()),
          "payload " + n + " gets 400 invalid_request with " + new TreeSet<>(payload.getValue()));
    }
    out.line(
        "SDK",
        "LaunchRequest.builder() is staged flowId -> participant -> channelType: none of"
            + " these compiles, and flow_execution_id defaults to a UUID");
  }

  /** 3. A token that may only read flows: refused before sending when its scopes are known. */
  private void readOnlyToken(FlowExecutionsEmulator emulator, FlowexecMetrics metrics) {
    out.heading("3. A token with only flow:read");
    out.text(
        "  a) client credentials granted flow:read: the scopes are known, so the SDK refuses before sending");
    long apiCallsBefore = apiCalls(emulator);
    try (FlowExecutionsClient reader =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials(READER_ID, READER_SECRET)
                    .scopes("flow:read")
                    .build())
            .listener(metrics)
            .build()) {
      InsufficientScopeException early =
          expect(InsufficientScopeException.class, () -> reader.launch(launch(FLOW_ID)));
      long sent = apiCalls(emulator) - apiCallsBefore;
      out.line("API calls", sent + " (only the token request reached the emulator)");
      check(
          early != null && early.statusCode() == 0 && sent == 0,
          "a known flow:read token fails before any API call");
    }
    out.text(
        "  b) a fixed token with flow:read: its scopes are unknown to the SDK, so the service answers 403");
    try (FlowExecutionsClient fixed =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .accessToken(emulator.issueToken(Set.of("flow:read")))
                    .build())
            .listener(metrics)
            .build()) {
      InsufficientScopeException late =
          expect(InsufficientScopeException.class, () -> fixed.launch(launch(FLOW_ID)));
      check(
          late != null && late.statusCode() == 403,
          "an unknown flow:read token gets 403 insufficient_scope");
    }
  }

  /** 4. A flow that exists but was never published. */
  private void unpublishedFlow(FlowExecutionsClient client) {
    out.heading("4. A flow that is not published");
    out.line("request", "flow " + DRAFT_FLOW_ID);
    FlowNotPublishedException failure =
        expect(FlowNotPublishedException.class, () -> client.launch(launch(DRAFT_FLOW_ID)));
    check(
        failure != null && failure.statusCode() == 409,
        "an unpublished flow gets 409 flow_not_published");
  }

  /** 5. What sdk-micrometer recorded over the demo. */
  private void summarize(SimpleMeterRegistry registry) {
    out.heading("5. Metrics (sdk-micrometer's FlowexecMetrics, shared by every client above)");
    Map<String, Long> errors = new TreeMap<>();
    long launches = 0;
    long succeeded = 0;
    for (Timer timer : registry.find("flowexec.client.calls").timers()) {
      String code = timer.getId().getTag("error.code");
      if ("launch".equals(timer.getId().getTag("operation"))) {
        launches += timer.count();
        succeeded += "none".equals(code) ? timer.count() : 0;
      }
      if (!"none".equals(code)) {
        errors.merge(code, timer.count(), Long::sum);
      }
    }
    out.line("launches", launches + " (" + succeeded + " succeeded)");
    out.line(
        "errors",
        errors.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")));
    long fetches =
        registry.find("flowexec.client.token.fetches").timers().stream()
            .mapToLong(Timer::count)
            .sum();
    out.line("token fetches", fetches + " (every other call reused a cached token)");
    out.text("  the meters, as a registry exports them:");
    registry.getMeters().stream()
        .filter(meter -> meter.getId().getName().startsWith("flowexec.client."))
        .sorted(
            Comparator.comparing((Meter meter) -> meter.getId().getName())
                .thenComparing(meter -> meter.getId().getTags().toString()))
        .forEach(meter -> out.line(meter.getId().getName(), meterLine(meter)));
    check(
        launches == 5
            && succeeded == 2
            && errors.equals(Map.of("insufficient_scope", 2L, "flow_not_published", 1L)),
        "the meters counted 5 launches, 2 successes and 3 errors by code");
  }

  private static String meterLine(Meter meter) {
    String tags =
        meter.getId().getTags().stream()
            .map(t -> t.getKey() + "=" + t.getValue())
            .collect(Collectors.joining(" "));
    if (meter instanceof Timer) {
      Timer timer = (Timer) meter;
      return tags
          + "  count="
          + timer.count()
          + String.format(Locale.ROOT, " mean=%.1fms", timer.mean(TimeUnit.MILLISECONDS));
    }
    StringBuilder values = new StringBuilder(tags);
    meter
        .measure()
        .forEach(
            m ->
                values
                    .append("  ")
                    .append(m.getStatistic().name().toLowerCase(Locale.ROOT))
                    .append('=')
                    .append((long) m.getValue()));
    return values.toString();
  }

  private static LaunchRequest launch(String flowId) {
    return LaunchRequest.builder()
        .flowId(flowId)
        .participants(Participant.of("user-456", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .build();
  }

  private static long apiCalls(FlowExecutionsEmulator emulator) {
    return emulator.requests().stream().filter(r -> r.path().startsWith("/api/")).count();
  }

  /** Runs a call that should fail with {@code type}, prints the failure, and checks its type. */
  private <T extends FlowApiException> T expect(Class<T> type, Supplier<FlowExecution> call) {
    try {
      FlowExecution execution = call.get();
      check(
          false,
          "expected "
              + type.getSimpleName()
              + ", but execution "
              + execution.flowExecutionId()
              + " launched");
      return null;
    } catch (FlowApiException failure) {
      out.failure(failure);
      check(type.isInstance(failure), "the failure is a " + type.getSimpleName());
      return type.isInstance(failure) ? type.cast(failure) : null;
    }
  }

  private void check(boolean ok, String what) {
    checks++;
    if (!ok) {
      unexpected++;
      out.line("UNEXPECTED", "expected: " + what);
    }
  }

  /** Returns the lines of the contract's expectations, for tests. */
  static List<String> expectedPayloadIssues() {
    return PAYLOADS.values().stream().flatMap(Set::stream).sorted().collect(Collectors.toList());
  }
}
