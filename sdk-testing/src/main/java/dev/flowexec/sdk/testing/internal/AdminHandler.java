package dev.flowexec.sdk.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.flowexec.sdk.testing.Endpoint;
import dev.flowexec.sdk.testing.Execution;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import dev.flowexec.sdk.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The emulator's control API, under {@value #PREFIX}: on only when the emulator was built with
 * {@code adminApi(true)} (the standalone emulator does). JSON in and out; errors are {@code
 * {"error": ..., "message": ...}} with status 400, 404, 405 or 409.
 *
 * <pre>
 * GET    /__emulator                   what runs: base URL, clock, clients (no secrets), flows
 * GET    /__emulator/requests          recorded requests, oldest first (credentials redacted)
 * GET    /__emulator/executions        executions as GET would show them, with launch_attempts
 * GET    /__emulator/faults            {"pending": n}
 * POST   /__emulator/faults            {"type": "status", "status": 503, "count": 2, "on": ["launch"]}
 * POST   /__emulator/faults/random     {"rate": 0.2, "seed": 42, "faults": [{"type": ...}, ...]}
 * DELETE /__emulator/faults            forgets every fault
 * GET    /__emulator/clock             {"now": "..."}
 * POST   /__emulator/clock/advance     {"seconds": 5} or {"duration": "PT1M"}
 * POST   /__emulator/reset             executions, requests, faults and the rate limit start over
 * </pre>
 */
public final class AdminHandler implements HttpHandler {
  /** The path every control request starts with. */
  public static final String PREFIX = "/__emulator";

  private static final int MAX_BODY = 64 * 1024;
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)(client_secret|client_assertion|password)=[^&]*");

  private final FlowExecutionsEmulator emulator;
  private final EmulatorSettings settings;
  private final HttpHandler api;

  /**
   * Creates the handler.
   *
   * @param emulator the emulator it controls
   * @param settings its settings
   * @param api the handler of everything else, for paths that only look like control paths
   */
  public AdminHandler(FlowExecutionsEmulator emulator, EmulatorSettings settings, HttpHandler api) {
    this.emulator = emulator;
    this.settings = settings;
    this.api = api;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      api.handle(exchange); // the JDK matches contexts by string prefix: /__emulatorx is not ours
      return;
    }
    Response response;
    try {
      if (path.length() > PREFIX.length() + 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      response =
          route(exchange.getRequestMethod(), path.substring(PREFIX.length()), body(exchange));
    } catch (BadRequest e) {
      response = error(400, "invalid_request", e.getMessage());
    } catch (IllegalArgumentException | MalformedJsonException e) {
      response = error(400, "invalid_request", e.getMessage());
    } catch (RuntimeException e) {
      response = error(500, "emulator_failure", String.valueOf(e));
    }
    try {
      byte[] bytes = response.body();
      response.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } finally {
      exchange.close();
    }
  }

  private Response route(String method, String path, String body) {
    switch (path) {
      case "":
      case "/":
        return only(method, "GET", this::summary);
      case "/requests":
        return only(method, "GET", this::requests);
      case "/executions":
        return only(method, "GET", this::executions);
      case "/faults":
        if (method.equals("POST")) {
          Map<String, Object> spec = object(body);
          int count = intValue(spec.getOrDefault("count", 1L), "count");
          Fault fault = fault(spec);
          emulator.faults().next(count, fault);
          return pending();
        }
        if (method.equals("DELETE")) {
          emulator.faults().clear();
          return pending();
        }
        return only(method, "GET", this::pending);
      case "/faults/random":
        return only(method, "POST", () -> randomFaults(object(body)));
      case "/clock":
        return only(method, "GET", this::now);
      case "/clock/advance":
        return only(method, "POST", () -> advance(object(body)));
      case "/reset":
        return only(
            method,
            "POST",
            () -> {
              emulator.reset();
              return Response.empty(204);
            });
      default:
        return error(
            404,
            "not_found",
            "no control path " + PREFIX + path + ": try GET " + PREFIX + " for what there is");
    }
  }

  private Response summary() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("base_url", emulator.baseUrl());
    json.put("token_url", emulator.baseUrl() + EmulatorHttpHandler.TOKEN);
    json.put("now", HttpDates.rfc3339(settings.clock().instant()));
    List<Object> clients = new ArrayList<>();
    for (RegisteredClient c : settings.clients().values()) {
      Map<String, Object> client = new LinkedHashMap<>();
      client.put("client_id", c.clientId());
      client.put("scopes", new ArrayList<>(new java.util.TreeSet<>(c.grantableScopes())));
      clients.add(client);
    }
    json.put("clients", clients);
    List<Object> flows = new ArrayList<>();
    for (Flow f : settings.flows().values()) {
      Map<String, Object> flow = new LinkedHashMap<>();
      flow.put("flow_id", f.id());
      flow.put("versions", f.versions());
      flow.put("outcome", f.outcome().kind().name());
      flows.add(flow);
    }
    json.put("flows", flows);
    json.put("executions", emulator.executionCount());
    json.put("requests", emulator.requestCount());
    json.put("pending_faults", emulator.faults().pending());
    return Response.json(200, json);
  }

  private Response requests() {
    List<Object> out = new ArrayList<>();
    for (ReceivedRequest r : emulator.requests()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("request_id", r.requestId());
      json.put("received_at", HttpDates.rfc3339(r.receivedAt()));
      json.put("method", r.method());
      json.put("path", r.path());
      Map<String, Object> headers = new LinkedHashMap<>();
      r.headers().forEach((name, values) -> headers.put(name, redact(name, values)));
      json.put("headers", headers);
      json.put("body", SECRET_PARAM.matcher(r.body()).replaceAll("$1=[redacted]"));
      json.put("body_size", r.bodySize());
      out.add(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", emulator.requestCount());
    json.put("requests", out);
    return Response.json(200, json);
  }

  private static List<String> redact(String name, List<String> values) {
    if (!name.equals("authorization") && !name.equals("proxy-authorization")) {
      return values;
    }
    List<String> out = new ArrayList<>();
    for (String v : values) {
      int space = v.indexOf(' ');
      out.add((space > 0 ? v.substring(0, space) + " " : "") + "[redacted]");
    }
    return out;
  }

  private Response executions() {
    List<Object> out = new ArrayList<>();
    for (Execution e : emulator.executions()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> json =
          new LinkedHashMap<>((Map<String, Object>) JsonParser.parse(e.json()));
      json.put("launch_attempts", emulator.launchAttempts(e.flowExecutionId()));
      out.add(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("executions", out);
    return Response.json(200, json);
  }

  private Response pending() {
    return Response.json(200, Map.of("pending", emulator.faults().pending()));
  }

  private Response randomFaults(Map<String, Object> spec) {
    Object rate = spec.get("rate");
    if (!(rate instanceof Number)) {
      throw new BadRequest("rate is required: a number from 0 to 1");
    }
    long seed = spec.get("seed") instanceof Number ? ((Number) spec.get("seed")).longValue() : 0L;
    Object list = spec.get("faults");
    if (!(list instanceof List)) {
      throw new BadRequest("faults is required: an array of fault objects");
    }
    List<Fault> faults = new ArrayList<>();
    for (Object f : (List<?>) list) {
      faults.add(fault(asObject(f, "each of faults")));
    }
    emulator.faults().random(((Number) rate).doubleValue(), seed, faults.toArray(new Fault[0]));
    return pending();
  }

  private Response now() {
    return Response.json(200, Map.of("now", HttpDates.rfc3339(settings.clock().instant())));
  }

  private Response advance(Map<String, Object> spec) {
    Duration by;
    if (spec.get("seconds") instanceof Number) {
      by = Duration.ofMillis(Math.round(((Number) spec.get("seconds")).doubleValue() * 1000));
    } else if (spec.get("duration") instanceof String) {
      try {
        by = Duration.parse((String) spec.get("duration"));
      } catch (DateTimeParseException e) {
        throw new BadRequest("duration is not ISO-8601, such as PT5S: " + spec.get("duration"));
      }
    } else {
      throw new BadRequest("say how far: {\"seconds\": 5} or {\"duration\": \"PT5S\"}");
    }
    if (by.isNegative()) {
      throw new BadRequest("the clock only moves forward: " + by);
    }
    Clock clock = settings.clock();
    if (clock instanceof TestClock) {
      ((TestClock) clock).advance(by);
    } else if (clock instanceof ShiftedClock) {
      ((ShiftedClock) clock).advance(by);
    } else {
      return error(409, "clock_fixed", "this emulator's clock cannot be moved: " + clock);
    }
    return now();
  }

  /** Builds a fault from its JSON form; the names are those of the {@link Fault} factories. */
  static Fault fault(Map<String, Object> spec) {
    Object type = spec.get("type");
    if (!(type instanceof String)) {
      throw new BadRequest("type is required, one of " + FAULT_TYPES);
    }
    Fault fault;
    switch ((String) type) {
      case "status":
        fault = Fault.status(intValue(required(spec, "status"), "status"));
        break;
      case "unavailable":
        Object retryAfter = required(spec, "retry_after");
        fault =
            Fault.unavailable(
                retryAfter instanceof Number ? retryAfter.toString() : String.valueOf(retryAfter));
        break;
      case "close_when_idle":
        fault =
            Fault.closeWhenIdle(Duration.ofMillis(longValue(required(spec, "idle_ms"), "idle_ms")));
        break;
      case "html_bad_gateway":
        fault = Fault.htmlBadGateway();
        break;
      case "empty_body":
        fault = Fault.emptyBody(intValue(spec.getOrDefault("status", 503L), "status"));
        break;
      case "slow_response":
        fault =
            Fault.slowResponse(
                Duration.ofMillis(longValue(required(spec, "delay_ms"), "delay_ms")));
        break;
      case "rate_limited":
        fault =
            Fault.rateLimited(
                Duration.ofSeconds(
                    longValue(spec.getOrDefault("retry_after_seconds", 1L), "retry_after_seconds")),
                retryAfterFormat(spec.getOrDefault("format", "delay_seconds")));
        break;
      case "drop_connection_before_processing":
        fault = Fault.dropConnectionBeforeProcessing();
        break;
      case "drop_connection_after_processing":
        fault = Fault.dropConnectionAfterProcessing();
        break;
      default:
        throw new BadRequest("unknown fault type " + type + ": use one of " + FAULT_TYPES);
    }
    Object on = spec.get("on");
    if (on != null) {
      List<Endpoint> endpoints = new ArrayList<>();
      for (Object e : on instanceof List ? (List<?>) on : List.of(on)) {
        try {
          endpoints.add(Endpoint.valueOf(String.valueOf(e).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
          throw new BadRequest(
              "unknown endpoint " + e + " in on: use launch, get_execution or token");
        }
      }
      fault = fault.on(endpoints.toArray(new Endpoint[0]));
    }
    return fault;
  }

  private static final List<String> FAULT_TYPES =
      List.of(
          "status",
          "unavailable",
          "close_when_idle",
          "html_bad_gateway",
          "empty_body",
          "slow_response",
          "rate_limited",
          "drop_connection_before_processing",
          "drop_connection_after_processing");

  private static RetryAfterFormat retryAfterFormat(Object value) {
    try {
      return RetryAfterFormat.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("format is delay_seconds or http_date, not " + value);
    }
  }

  private static Object required(Map<String, Object> spec, String name) {
    Object value = spec.get(name);
    if (value == null) {
      throw new BadRequest(name + " is required for a fault of type " + spec.get("type"));
    }
    return value;
  }

  private static int intValue(Object value, String name) {
    long n = longValue(value, name);
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw new BadRequest(name + " is out of range: " + n);
    }
    return (int) n;
  }

  private static long longValue(Object value, String name) {
    if (value instanceof Number
        && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())) {
      return ((Number) value).longValue();
    }
    throw new BadRequest(name + " must be a whole number, not " + value);
  }

  private static Map<String, Object> object(String body) {
    if (body.isBlank()) {
      return Map.of();
    }
    return asObject(JsonParser.parse(body), "the body");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new BadRequest(what + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static String body(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > MAX_BODY) {
          throw new BadRequest("the body is over " + MAX_BODY + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private static Response only(
      String method, String allowed, java.util.function.Supplier<Response> action) {
    if (!method.equals(allowed)) {
      return error(405, "method_not_allowed", method + " is not allowed here: use " + allowed)
          .header("Allow", allowed);
    }
    return action.get();
  }

  private static Response error(int status, String code, String message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", code);
    json.put("message", message);
    return Response.json(status, json);
  }

  /** A control request that cannot be done as written. */
  private static final class BadRequest extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
