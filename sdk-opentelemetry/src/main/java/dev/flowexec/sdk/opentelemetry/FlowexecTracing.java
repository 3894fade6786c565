package dev.flowexec.sdk.opentelemetry;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.Operation;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces what a {@link dev.flowexec.sdk.FlowExecutionsClient} does with OpenTelemetry. Add it as a
 * listener:
 *
 * <pre>{@code
 * FlowExecutionsClient client = FlowExecutionsClient.builder()
 *     .transport(transport)
 *     .listener(FlowexecTracing.create(openTelemetry))
 *     .build();
 * }</pre>
 *
 * <p>Each call is an {@code INTERNAL} span named {@code flowexec launch} or {@code flowexec get}, a
 * child of the context current when the call was made (also for the async methods, whose attempts
 * run on other threads), with {@code flowexec.flow_execution_id}, {@code flowexec.flow_id} (a
 * launch's from the start, so a failed launch has it too; a read's once its response names it),
 * {@code flowexec.attempts} and, on success, {@code http.response.status_code} and {@code
 * flowexec.replayed}.
 *
 * <p>Each HTTP request to the API is a {@code CLIENT} child span named after its method and path
 * template ({@code POST /api/v2/flows/executions}) with the HTTP client semantic conventions:
 * {@code http.request.method}, {@code server.address}, {@code server.port}, {@code url.full} (never
 * with user info or a query), {@code url.template}, {@code http.response.status_code}, {@code
 * error.type} and {@code http.request.resend_count} (how many requests of the call went before it);
 * and {@code flowexec.flow_execution_id}, {@code flowexec.flow_id}, {@code flowexec.error_code}. An
 * attempt is one request, or two when the service refused its token ({@code 401 invalid_token}) and
 * it was sent again with a new one: then the refused request is a span of its own, ended with the
 * {@code 401}, and the re-send another. The configured propagators ({@code traceparent}, {@code
 * tracestate} for W3C) are injected into every request, each with its own span, so the service
 * continues the trace from the request it received. A request span has {@code http.request.method},
 * {@code server.address}, {@code server.port}, {@code url.full} and {@code url.template} from its
 * creation, for samplers, and its other attributes only if it records: an unsampled trace still
 * sends its {@code traceparent} but makes no attribute it would drop.
 *
 * <p>Every failure sets status {@code ERROR} and {@code error.type} on the spans it ends: the HTTP
 * status when one came ({@code "503"}), else the failure's class (the I/O exception's for a {@link
 * TransportException}, the innermost cause's, such as {@code java.net.SocketTimeoutException}),
 * also on a request abandoned by the call's deadline or a cancel. The call span records the
 * exception. No span carries a token, a secret or a header value.
 *
 * <p>Each request to the token endpoint (a token reused from the cache is none) is an {@code
 * INTERNAL} span {@code flowexec token fetch} over the time the fetch took, a child of the request
 * span open while it ran (the request that needed the token; for a refresh forced by a refusal, the
 * refused request, whose span ends when the re-send starts), with {@code server.address} and {@code
 * server.port} of the token endpoint, {@code flowexec.token.forced_refresh} ({@code true} when it
 * replaced a token the service refused) and, when it failed, status {@code ERROR}, {@code
 * error.type}, {@code http.response.status_code} and {@code flowexec.error_code} (such as {@code
 * invalid_client}). It is not a {@code CLIENT} span: the trace is not propagated to the identity
 * provider, and an HTTP-client instrumentation of your own, if any, makes the {@code CLIENT} span
 * of that {@code POST} itself.
 */
public final class FlowexecTracing implements ExecutionListener {
  /** The instrumentation scope's name. */
  public static final String INSTRUMENTATION_NAME = "dev.flowexec.sdk";

  static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT =
      AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> FLOW_ID = AttributeKey.stringKey("flowexec.flow_id");
  static final AttributeKey<String> FLOW_EXECUTION_ID =
      AttributeKey.stringKey("flowexec.flow_execution_id");
  static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("flowexec.error_code");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("flowexec.attempts");
  static final AttributeKey<Boolean> REPLAYED = AttributeKey.booleanKey("flowexec.replayed");
  static final AttributeKey<Long> RETRY_DELAY_MS = AttributeKey.longKey("flowexec.retry.delay_ms");
  static final AttributeKey<Boolean> TOKEN_FORCED_REFRESH =
      AttributeKey.booleanKey("flowexec.token.forced_refresh");
  static final String TOKEN_FETCH = "flowexec token fetch";

  private static final TextMapSetter<AttemptStarted> ATTEMPT_HEADERS =
      (attempt, name, value) -> attempt.addHeader(name, value);
  private static final TextMapSetter<RequestResent> RESEND_HEADERS =
      (resent, name, value) -> resent.addHeader(name, value);

  private static final Map<Operation, String> CALL_NAMES = new EnumMap<>(Operation.class);
  private static final Map<Operation, String> REQUEST_NAMES = new EnumMap<>(Operation.class);
  private static final Map<Operation, Attributes> NO_SERVER = new EnumMap<>(Operation.class);

  static {
    for (Operation operation : Operation.values()) {
      CALL_NAMES.put(operation, "flowexec " + operation.name().toLowerCase(Locale.ROOT));
      REQUEST_NAMES.put(operation, operation.httpMethod() + " " + operation.pathTemplate());
      NO_SERVER.put(
          operation,
          Attributes.of(
              HTTP_REQUEST_METHOD, operation.httpMethod(), URL_TEMPLATE, operation.pathTemplate()));
    }
  }

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  /** The spans of each open call, by call id; removed when the call finishes. */
  private final ConcurrentHashMap<Long, CallSpans> open = new ConcurrentHashMap<>();

  /** What every request of an operation to a base URL has in common, made once per pair. */
  private final ConcurrentHashMap<URI, Map<Operation, RequestShape>> shapes =
      new ConcurrentHashMap<>();

  private FlowexecTracing(OpenTelemetry openTelemetry) {
    String version = FlowexecTracing.class.getPackage().getImplementationVersion();
    this.tracer =
        version == null
            ? openTelemetry.getTracer(INSTRUMENTATION_NAME)
            : openTelemetry.getTracer(INSTRUMENTATION_NAME, version);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /**
   * Returns tracing through {@code openTelemetry}'s tracer provider and propagators.
   *
   * @param openTelemetry the OpenTelemetry instance, such as {@code GlobalOpenTelemetry.get()}
   * @return the listener to add to a client
   */
  public static FlowexecTracing create(OpenTelemetry openTelemetry) {
    return new FlowexecTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  @Override
  public void callStarted(CallStarted call) {
    Context parent = Context.current();
    String flowId = call.flowId().orElse(null);
    SpanBuilder builder =
        tracer
            .spanBuilder(CALL_NAMES.get(call.operation()))
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(FLOW_EXECUTION_ID, call.flowExecutionId());
    if (flowId != null) {
      builder.setAttribute(FLOW_ID, flowId);
    }
    Span span = builder.startSpan();
    open.put(call.callId(), new CallSpans(parent.with(span), span, flowId));
  }

  @Override
  public void attemptStarted(AttemptStarted attempt) {
    CallSpans call = open.get(attempt.callId());
    if (call == null) {
      return;
    }
    RequestShape shape = shape(attempt.operation(), attempt.baseUrl().orElse(null));
    Span span = startRequest(call, shape, attempt.flowExecutionId());
    propagator.inject(call.context.with(span), attempt, ATTEMPT_HEADERS);
  }

  /**
   * Ends the refused request's span with its {@code 401}, and starts the re-send's, whose trace
   * context goes on the new request.
   */
  @Override
  public void requestResent(RequestResent resent) {
    CallSpans call = open.get(resent.callId());
    if (call == null) {
      return;
    }
    Span refused = call.request;
    RequestShape shape = call.shape;
    if (refused == null || shape == null) {
      return;
    }
    int status = resent.refusal().statusCode();
    if (status > 0) {
      refused.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) status);
    }
    fail(refused, status, resent.refusal());
    refused.end();
    Span span = startRequest(call, shape, resent.flowExecutionId());
    propagator.inject(call.context.with(span), resent, RESEND_HEADERS);
  }

  @Override
  public void attemptFinished(AttemptFinished attempt) {
    CallSpans call = open.get(attempt.callId());
    Span span = call == null ? null : call.request;
    if (span == null) {
      return;
    }
    call.request = null;
    int status = attempt.statusCode();
    if (status > 0) {
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) status);
    }
    if (call.flowId == null) {
      attempt.execution().ifPresent(execution -> span.setAttribute(FLOW_ID, execution.flowId()));
    }
    RuntimeException failure = attempt.failure().orElse(null);
    if (failure != null || status >= 400) {
      fail(span, status, failure);
    }
    span.end();
  }

  /**
   * Records the fetch as an {@code INTERNAL} span {@code flowexec token fetch}, a child of the
   * request's span, over the time the fetch took.
   */
  @Override
  public void tokenFetched(TokenFetched fetch) {
    CallSpans call = open.get(fetch.callId());
    if (call == null) {
      return; // the call ended before the fetch did
    }
    Span request = call.request;
    Instant end = Instant.now();
    SpanBuilder builder =
        tracer
            .spanBuilder(TOKEN_FETCH)
            .setParent(request == null ? call.context : call.context.with(request))
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(end.minus(fetch.duration()))
            .setAttribute(TOKEN_FORCED_REFRESH, fetch.forcedRefresh());
    fetch
        .tokenUrl()
        .ifPresent(
            url -> {
              if (url.getHost() != null) {
                builder.setAttribute(SERVER_ADDRESS, url.getHost());
                builder.setAttribute(SERVER_PORT, (long) port(url));
              }
            });
    Span span = builder.startSpan();
    fetch
        .failure()
        .ifPresent(
            failure -> {
              int status = fetch.statusCode();
              if (status > 0) {
                span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) status);
              }
              fail(span, status, failure);
            });
    span.end(end);
  }

  @Override
  public void retryScheduled(RetryScheduled retry) {
    CallSpans call = open.get(retry.callId());
    if (call != null) {
      call.span.addEvent(
          "flowexec.retry",
          Attributes.of(
              ERROR_CODE, retry.cause().errorCode(), RETRY_DELAY_MS, retry.delay().toMillis()));
    }
  }

  @Override
  public void callFinished(CallFinished finished) {
    CallSpans call = open.remove(finished.callId());
    if (call == null) {
      return;
    }
    RuntimeException failure = finished.failure().orElse(null);
    int failedStatus =
        failure instanceof FlowApiException ? ((FlowApiException) failure).statusCode() : 0;
    Span abandoned = call.request;
    if (abandoned != null) {
      // A request abandoned with the call, at its deadline or by a cancel: it got no response.
      call.request = null;
      fail(abandoned, 0, failure);
      abandoned.end();
    }
    Span span = call.span;
    span.setAttribute(ATTEMPTS, (long) finished.attempts());
    if (call.flowId == null) {
      finished.execution().ifPresent(execution -> span.setAttribute(FLOW_ID, execution.flowId()));
    }
    finished
        .metadata()
        .ifPresent(
            meta -> {
              span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) meta.statusCode());
              span.setAttribute(REPLAYED, meta.replayed());
            });
    if (failure != null) {
      fail(span, failedStatus, failure);
      span.recordException(failure); // SDK messages never carry a token or secret
    }
    span.end();
  }

  /**
   * Starts a request's span with the attributes the HTTP conventions ask for at creation, for
   * samplers ({@code http.request.method}, {@code server.address}, {@code server.port}, {@code
   * url.full}, and {@code url.template}), then adds the others only when the span records: an
   * unsampled trace then makes no attribute it would drop.
   */
  private Span startRequest(CallSpans call, RequestShape shape, String flowExecutionId) {
    SpanBuilder builder =
        tracer
            .spanBuilder(shape.name)
            .setParent(call.context)
            .setSpanKind(SpanKind.CLIENT)
            .setAllAttributes(shape.attributes);
    if (shape.url != null) {
      builder.setAttribute(URL_FULL, shape.urlOf(flowExecutionId));
    }
    Span span = builder.startSpan();
    if (span.isRecording()) {
      span.setAttribute(FLOW_EXECUTION_ID, flowExecutionId);
      if (call.flowId != null) {
        span.setAttribute(FLOW_ID, call.flowId);
      }
      if (call.requests > 0) {
        span.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) call.requests);
      }
    }
    call.requests++;
    call.shape = shape;
    call.request = span;
    return span;
  }

  /** Status {@code ERROR}, {@code error.type} and {@code flowexec.error_code} of a failure. */
  private static void fail(Span span, int status, RuntimeException failure) {
    span.setAttribute(ERROR_TYPE, errorType(status, failure));
    if (failure instanceof FlowApiException) {
      String code = ((FlowApiException) failure).errorCode();
      if (code != null) {
        span.setAttribute(ERROR_CODE, code);
      }
      span.setStatus(StatusCode.ERROR, code == null ? failure.getClass().getSimpleName() : code);
    } else {
      span.setStatus(StatusCode.ERROR, failure == null ? "" : failure.getClass().getSimpleName());
    }
  }

  /**
   * The semantic conventions' {@code error.type}: the status code when one came, else the failure's
   * class (the root I/O failure's for a transport failure), else {@code _OTHER}.
   */
  static String errorType(int status, RuntimeException failure) {
    if (status >= 400) {
      return Integer.toString(status);
    }
    if (failure == null) {
      return "_OTHER";
    }
    if (failure instanceof TransportException && failure.getCause() != null) {
      Throwable root = failure.getCause();
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause(); // the I/O failure itself, under any wrapper the transport made
      }
      return root.getClass().getName();
    }
    if (failure instanceof DeadlineExceededException) {
      return DeadlineExceededException.class.getName();
    }
    return failure.getClass().getName();
  }

  private RequestShape shape(Operation operation, URI baseUrl) {
    if (baseUrl == null) {
      return new RequestShape(
          REQUEST_NAMES.get(operation), NO_SERVER.get(operation), null, operation);
    }
    Map<Operation, RequestShape> byOperation = shapes.get(baseUrl);
    if (byOperation == null) {
      byOperation = shapes.computeIfAbsent(baseUrl, FlowexecTracing::shapesOf);
    }
    return byOperation.get(operation);
  }

  private static Map<Operation, RequestShape> shapesOf(URI baseUrl) {
    Map<Operation, RequestShape> byOperation = new EnumMap<>(Operation.class);
    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    for (Operation operation : Operation.values()) {
      AttributesBuilder attributes = NO_SERVER.get(operation).toBuilder();
      if (baseUrl.getHost() != null) {
        attributes.put(SERVER_ADDRESS, baseUrl.getHost()).put(SERVER_PORT, (long) port(baseUrl));
      }
      byOperation.put(
          operation,
          new RequestShape(REQUEST_NAMES.get(operation), attributes.build(), base, operation));
    }
    return byOperation;
  }

  private static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  @Override
  public String toString() {
    return "FlowexecTracing{open calls=" + open.size() + "}";
  }

  /** The span name and attributes all requests of one operation to one base URL share. */
  private static final class RequestShape {
    final String name;
    final Attributes attributes;

    /** The base URL without a trailing slash, or null when the transport does not say. */
    final String url;

    final Operation operation;

    /** A launch's {@code url.full}, the same for every launch. */
    private final String fixedUrl;

    RequestShape(String name, Attributes attributes, String url, Operation operation) {
      this.name = name;
      this.attributes = attributes;
      this.url = url;
      this.operation = operation;
      this.fixedUrl =
          url != null && operation == Operation.LAUNCH ? url + operation.path("") : null;
    }

    String urlOf(String flowExecutionId) {
      return fixedUrl != null ? fixedUrl : url + operation.path(flowExecutionId);
    }
  }

  /** The spans of one call: its own, and its request's while one is in flight. */
  private static final class CallSpans {
    final Context context;
    final Span span;

    /** The launch's flow id, known from the start; null for a read. */
    final String flowId;

    volatile Span request;
    volatile RequestShape shape;

    /**
     * How many requests of the call have started: the next one's resend count. Only a request's
     * start changes it, and a call's requests start one after another.
     */
    int requests;

    CallSpans(Context context, Span span, String flowId) {
      this.context = context;
      this.span = span;
      this.flowId = flowId;
    }
  }
}
