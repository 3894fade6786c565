package dev.flowexec.sdk.testing.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.flowexec.sdk.testing.Endpoint;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one handler of the emulator's HTTP server. For each request it: gives it a request id, routes
 * it, reads the body (keeping at most 1 MiB), logs it, counts a launch attempt, applies the fault
 * it gets, applies the rate limit to API requests, lets the endpoint answer and sends the answer
 * (or drops the connection). Requests outside the contract get 404 {@code not_found} or 405 {@code
 * method_not_allowed}.
 *
 * <p>A dropped connection, and one whose client went away, is ended by throwing from {@link
 * #handle}: only then does the JDK's server forget it (closing the exchange alone closes the socket
 * but keeps the connection in the server's sets until it stops, one per drop).
 */
public final class EmulatorHttpHandler implements HttpHandler {
  /** The collection path of executions. */
  public static final String EXECUTIONS = "/api/v2/flows/executions";

  /** The token endpoint path. */
  public static final String TOKEN = "/oauth/token";

  private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;
  private static final String HTML_BAD_GATEWAY =
      "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
          + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>proxy</center></body>"
          + "</html>\n";

  private final EmulatorSettings settings;
  private final RequestIds requestIds = new RequestIds();
  private final RequestLog log;
  private final ExecutionStore executions;
  private final FaultInjector faults;
  private final RateLimiter limiter;
  private final TokenEndpoint tokenEndpoint;
  private final LaunchEndpoint launchEndpoint;
  private final GetExecutionEndpoint getEndpoint;
  private final CountDownLatch closed = new CountDownLatch(1);

  /**
   * Connections under a {@link Fault.Kind#CLOSE_WHEN_IDLE} rule, by the client's address and port,
   * with their idle limit and when their last response went out.
   */
  private final Map<InetSocketAddress, long[]> idleRules = new ConcurrentHashMap<>();

  /**
   * Creates the handler.
   *
   * @param settings the settings
   * @param tokens the token store
   * @param executions the execution store
   * @param faults the fault injector
   * @param limiter the rate limiter
   * @param log the request log
   * @param gate the launch gate
   */
  public EmulatorHttpHandler(
      EmulatorSettings settings,
      TokenStore tokens,
      ExecutionStore executions,
      FaultInjector faults,
      RateLimiter limiter,
      RequestLog log,
      LaunchGate gate) {
    this.settings = settings;
    this.log = log;
    this.executions = executions;
    this.faults = faults;
    this.limiter = limiter;
    BearerAuthenticator auth = new BearerAuthenticator(tokens);
    this.tokenEndpoint = new TokenEndpoint(settings, tokens);
    this.launchEndpoint = new LaunchEndpoint(settings, auth, executions, gate);
    this.getEndpoint = new GetExecutionEndpoint(settings.clock(), auth, executions);
  }

  /** Ends the waits of slow responses, when the emulator closes. */
  public void shutDown() {
    closed.countDown();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (closedWhileIdle(exchange)) {
      throw dropped(exchange, "the connection was closed while idle (a CLOSE_WHEN_IDLE fault)");
    }
    String requestId = requestIds.next();
    try {
      IncomingRequest request = read(exchange, requestId);
      Response response = answer(request, exchange.getRemoteAddress());
      if (response == null) {
        throw dropped(exchange, "dropped by a fault");
      }
      send(exchange, response);
      long[] rule = idleRules.get(exchange.getRemoteAddress());
      if (rule != null) {
        rule[1] = System.nanoTime();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw dropped(exchange, "interrupted");
    } catch (IOException e) {
      throw dropped(exchange, "the client went away: " + e);
    } catch (RuntimeException e) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error_code", ErrorCode.SERVER_ERROR.wireName());
      body.put("message", "emulator failure: " + e);
      body.put("request_id", requestId);
      send(exchange, Response.json(500, body).header("X-Request-Id", requestId));
    } finally {
      exchange.close();
    }
  }

  /** Whether a middlebox would have closed this connection while it sat idle. */
  private boolean closedWhileIdle(HttpExchange exchange) {
    long[] rule = idleRules.get(exchange.getRemoteAddress());
    if (rule == null || System.nanoTime() - rule[1] <= rule[0]) {
      return false;
    }
    idleRules.remove(exchange.getRemoteAddress());
    return true;
  }

  private void closeWhenIdle(InetSocketAddress client, Duration idle) {
    if (idleRules.size() > 4096) {
      long now = System.nanoTime();
      idleRules.values().removeIf(rule -> now - rule[1] > rule[0] + TimeUnit.MINUTES.toNanos(1));
    }
    idleRules.put(client, new long[] {idle.toNanos(), Long.MAX_VALUE / 2});
  }

  /** Returns the answer, or {@code null} to drop the connection without one. */
  private Response answer(IncomingRequest request, InetSocketAddress client)
      throws InterruptedException {
    Endpoint endpoint = route(request);
    if (endpoint == null) {
      return outsideContract(request);
    }
    if (endpoint == Endpoint.LAUNCH) {
      String id = LaunchEndpoint.executionIdOf(request);
      if (id != null) {
        executions.countAttempt(id);
      }
    }
    boolean dropAfter = false;
    Fault fault = faults.take(endpoint);
    if (fault != null) {
      switch (fault.kind()) {
        case SLOW_RESPONSE:
          closed.await(fault.delay().toNanos(), TimeUnit.NANOSECONDS);
          break;
        case DROP_CONNECTION_BEFORE_PROCESSING:
          return null;
        case DROP_CONNECTION_AFTER_PROCESSING:
          dropAfter = true;
          break;
        case CLOSE_WHEN_IDLE:
          closeWhenIdle(client, fault.delay());
          break;
        case JSON_ERROR:
          ErrorCode code = fault.status() == 500 ? ErrorCode.SERVER_ERROR : ErrorCode.UNAVAILABLE;
          Response error =
              ErrorResponses.of(
                  code,
                  fault.status(),
                  code == ErrorCode.SERVER_ERROR
                      ? "the service failed to handle the request"
                      : "the service is temporarily unavailable",
                  request.requestId(),
                  Map.of());
          return fault.retryAfter().isPresent()
              ? error.header("Retry-After", fault.retryAfter().get())
              : error;
        case HTML_BAD_GATEWAY:
          return Response.text(fault.status(), "text/html; charset=utf-8", HTML_BAD_GATEWAY);
        case EMPTY_BODY:
          return Response.empty(fault.status());
        case RATE_LIMITED:
          return rateLimited(request, fault.delay(), fault.retryAfterFormat().get());
        default:
          throw new IllegalStateException("unknown fault " + fault);
      }
    }
    if (endpoint != Endpoint.TOKEN) {
      Duration wait = limiter.acquire();
      if (wait != null) {
        return rateLimited(request, wait, settings.retryAfterFormat());
      }
    }
    Response response;
    switch (endpoint) {
      case TOKEN:
        response = tokenEndpoint.handle(request);
        break;
      case LAUNCH:
        response = launchEndpoint.handle(request);
        break;
      default:
        response = getEndpoint.handle(request);
        break;
    }
    return dropAfter ? null : response;
  }

  private Response rateLimited(IncomingRequest request, Duration wait, RetryAfterFormat format) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    String retryAfter =
        format == RetryAfterFormat.HTTP_DATE
            ? HttpDates.imfFixdate(settings.clock().instant().plusSeconds(seconds))
            : Long.toString(seconds);
    return ErrorResponses.of(
            ErrorCode.RATE_LIMITED,
            429,
            "too many requests: retry after " + seconds + " s",
            request.requestId(),
            Map.of("retry_after_seconds", seconds))
        .header("Retry-After", retryAfter);
  }

  private static Endpoint route(IncomingRequest request) {
    String path = request.path();
    String method = request.method();
    if (path.equals(TOKEN)) {
      return method.equals("POST") ? Endpoint.TOKEN : null;
    }
    if (path.equals(EXECUTIONS)) {
      return method.equals("POST") ? Endpoint.LAUNCH : null;
    }
    if (path.startsWith(GetExecutionEndpoint.PREFIX)
        && path.length() > GetExecutionEndpoint.PREFIX.length()
        && path.indexOf('/', GetExecutionEndpoint.PREFIX.length()) < 0) {
      return method.equals("GET") ? Endpoint.GET_EXECUTION : null;
    }
    return null;
  }

  private static Response outsideContract(IncomingRequest request) {
    String path = request.path();
    boolean known =
        path.equals(TOKEN)
            || path.equals(EXECUTIONS)
            || (path.startsWith(GetExecutionEndpoint.PREFIX)
                && path.length() > GetExecutionEndpoint.PREFIX.length()
                && path.indexOf('/', GetExecutionEndpoint.PREFIX.length()) < 0);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", known ? "method_not_allowed" : "not_found");
    body.put(
        "message",
        known ? request.method() + " is not allowed on " + path : "no such resource: " + path);
    body.put("request_id", request.requestId());
    Response response =
        Response.json(known ? 405 : 404, body).header("X-Request-Id", request.requestId());
    if (known) {
      response.header("Allow", path.equals(TOKEN) || path.equals(EXECUTIONS) ? "POST" : "GET");
    }
    return response;
  }

  private IncomingRequest read(HttpExchange exchange, String requestId) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
      headers.put(
          e.getKey().toLowerCase(Locale.ROOT),
          Collections.unmodifiableList(new ArrayList<>(e.getValue())));
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long size = 0;
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        int keep = (int) Math.max(0, Math.min(n, LaunchRules.MAX_BODY_BYTES + 1L - size));
        kept.write(buffer, 0, keep);
        size += n;
        if (size > MAX_DRAINED_BYTES) {
          break;
        }
      }
    }
    byte[] body = kept.toByteArray();
    String path = exchange.getRequestURI().getPath();
    String rawPathAndQuery = exchange.getRequestURI().getRawPath();
    if (exchange.getRequestURI().getRawQuery() != null) {
      rawPathAndQuery += "?" + exchange.getRequestURI().getRawQuery();
    }
    log.add(
        new LoggedRequest(
            requestId,
            settings.clock().instant(),
            exchange.getRequestMethod(),
            rawPathAndQuery,
            Collections.unmodifiableMap(headers),
            new String(
                body, 0, Math.min(body.length, LaunchRules.MAX_BODY_BYTES), StandardCharsets.UTF_8),
            size));
    return new IncomingRequest(
        requestId,
        exchange.getRequestMethod(),
        path == null ? "" : path,
        Collections.unmodifiableMap(headers),
        body,
        size);
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    response.headers().forEach(headers::set);
    byte[] body = response.body();
    if (body.length == 0) {
      exchange.sendResponseHeaders(response.status(), -1);
    } else {
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Closes the connection without a response, and returns the exception that {@link #handle} throws
   * so that the JDK's server forgets the connection too. {@link HttpExchange#close()} before {@code
   * sendResponseHeaders} closes the socket, so the client reads end-of-stream where it expects a
   * status line.
   */
  private static IOException dropped(HttpExchange exchange, String why) {
    exchange.close();
    return new IOException("emulator: " + why);
  }
}
