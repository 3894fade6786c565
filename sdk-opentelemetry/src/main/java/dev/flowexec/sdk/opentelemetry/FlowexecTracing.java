package dev.flowexec.sdk.opentelemetry;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.FlowExecution;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import dev.flowexec.sdk.transport.Operation;
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
 * <p>Each call is an {@code INTERNAL} span named {@code flowexec launch} or {@code flowexec get},
 * a child of the context current when the call was made (also for the async methods, whose
 * attempts run on other threads). Each HTTP attempt is a {@code CLIENT} child span named after its
 * method and path template ({@code POST /api/v2/flows/executions}) with the HTTP client semantic
 * conventions: {@code http.request.method}, {@code server.address}, {@code server.port},
 * {@code url.full} (never with user info or a query), {@code http.response.status_code},
 * {@code error.type} and {@code http.request.resend_count} for retries; and
 * {@code flowexec.flow_execution_id}, {@code flowexec.flow_id} (once a response names it),
 * {@code flowexec.error_code}. The configured propagators ({@code traceparent}, {@code tracestate}
 * for W3C) are injected into every attempt, so the service continues the trace from the attempt's
 * span. Failed calls and attempts have status {@code ERROR}; no span carries a token, a secret or
 * a header value.
 *
 * <p>Each request to the token endpoint (a token reused from the cache is none) is an
 * {@code INTERNAL} span {@code flowexec token fetch}, a child of the attempt that needed the token,
 * over the time the fetch took, with {@code server.address} and {@code server.port} of the token
 * endpoint, {@code flowexec.token.forced_refresh} ({@code true} when it replaced a token the
 * service refused) and, when it failed, status {@code ERROR}, {@code error.type},
 * {@code http.response.status_code} and {@code flowexec.error_code} (such as
 * {@code invalid_client}). It is not a {@code CLIENT} span: the trace is not propagated to the
 * identity provider, and an HTTP-client instrumentation of your own, if any, makes the
 * {@code CLIENT} span of that {@code POST} itself.
 */
public final class FlowexecTracing implements ExecutionListener {
  /** The instrumentation scope's name. */
  public static final String INSTRUMENTATION_NAME = "dev.flowexec.sdk";

  static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
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

  private static final TextMapSetter<AttemptStarted> HEADERS =
      (attempt, name, value) -> attempt.addHeader(name, value);

  private static final Map<Operation, String> CALL_NAMES = new EnumMap<>(Operation.class);
  private static final Map<Operation, String> ATTEMPT_NAMES = new EnumMap<>(Operation.class);

  static {
    for (Operation operation : Operation.values()) {
      CALL_NAMES.put(operation, "flowexec " + operation.name().toLowerCase(Locale.ROOT));
      ATTEMPT_NAMES.put(operation, operation.httpMethod() + " " + operation.pathTemplate());
    }
  }

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  /** The spans of each open call, by call id; removed when the call finishes. */
  private final ConcurrentHashMap<Long, CallSpans> open = new ConcurrentHashMap<>();

  private FlowexecTracing(OpenTelemetry openTelemetry) {
    String version = FlowexecTracing.class.getPackage().getImplementationVersion();
    this.tracer = version == null ? openTelemetry.getTracer(INSTRUMENTATION_NAME)
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
    Span span = tracer.spanBuilder(CALL_NAMES.get(call.operation()))
        .setParent(parent).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(FLOW_EXECUTION_ID, call.flowExecutionId()).startSpan();
    open.put(call.callId(), new CallSpans(parent.with(span), span));
  }

  @Override
  public void attemptStarted(AttemptStarted attempt) {
    CallSpans call = open.get(attempt.callId());
    if (call == null) {
      return;
    }
    SpanBuilder builder = tracer.spanBuilder(ATTEMPT_NAMES.get(attempt.operation()))
        .setParent(call.context).setSpanKind(SpanKind.CLIENT)
        .setAttribute(HTTP_REQUEST_METHOD, attempt.httpMethod())
        .setAttribute(URL_TEMPLATE, attempt.operation().pathTemplate())
        .setAttribute(FLOW_EXECUTION_ID, attempt.flowExecutionId());
    attempt.url().ifPresent(url -> builder.setAttribute(URL_FULL, url));
    attempt.baseUrl().ifPresent(base -> {
      if (base.getHost() != null) {
        builder.setAttribute(SERVER_ADDRESS, base.getHost());
        builder.setAttribute(SERVER_PORT, (long) port(base));
      }
    });
    if (attempt.attempt() > 1) {
      builder.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) attempt.attempt() - 1);
    }
    Span span = builder.startSpan();
    call.attempt = span;
    propagator.inject(call.context.with(span), attempt, HEADERS);
  }

  @Override
  public void attemptFinished(AttemptFinished attempt) {
    CallSpans call = open.get(attempt.callId());
    Span span = call == null ? null : call.attempt;
    if (span == null) {
      return;
    }
    call.attempt = null;
    int status = attempt.statusCode();
    if (status > 0) {
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) status);
    }
    attempt.execution().ifPresent(execution -> flowId(span, execution));
    RuntimeException failure = attempt.failure().orElse(null);
    if (failure != null || status >= 400) {
      span.setAttribute(ERROR_TYPE, errorType(status, failure));
      if (failure instanceof FlowApiException) {
        span.setAttribute(ERROR_CODE, ((FlowApiException) failure).errorCode());
      }
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  /**
   * Records the fetch as an {@code INTERNAL} span {@code flowexec token fetch}, a child of the
   * attempt's span, over the time the fetch took.
   */
  @Override
  public void tokenFetched(TokenFetched fetch) {
    CallSpans call = open.get(fetch.callId());
    if (call == null) {
      return; // the call ended before the fetch did
    }
    Span attempt = call.attempt;
    Instant end = Instant.now();
    SpanBuilder builder = tracer.spanBuilder(TOKEN_FETCH)
        .setParent(attempt == null ? call.context : call.context.with(attempt))
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(end.minus(fetch.duration()))
        .setAttribute(TOKEN_FORCED_REFRESH, fetch.forcedRefresh());
    fetch.tokenUrl().ifPresent(url -> {
      if (url.getHost() != null) {
        builder.setAttribute(SERVER_ADDRESS, url.getHost());
        builder.setAttribute(SERVER_PORT, (long) port(url));
      }
    });
    Span span = builder.startSpan();
    fetch.failure().ifPresent(failure -> {
      int status = fetch.statusCode();
      if (status > 0) {
        span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) status);
      }
      span.setAttribute(ERROR_TYPE, errorType(status, failure));
      fetch.errorCode().ifPresent(code -> span.setAttribute(ERROR_CODE, code));
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    });
    span.end(end);
  }

  @Override
  public void retryScheduled(RetryScheduled retry) {
    CallSpans call = open.get(retry.callId());
    if (call != null) {
      call.span.addEvent("flowexec.retry", io.opentelemetry.api.common.Attributes.of(
          ERROR_CODE, retry.cause().errorCode(), RETRY_DELAY_MS, retry.delay().toMillis()));
    }
  }

  @Override
  public void callFinished(CallFinished finished) {
    CallSpans call = open.remove(finished.callId());
    if (call == null) {
      return;
    }
    if (call.attempt != null) {
      call.attempt.end(); // an attempt abandoned with the call (a deadline, a cancel)
    }
    Span span = call.span;
    span.setAttribute(ATTEMPTS, (long) finished.attempts());
    finished.execution().ifPresent(execution -> flowId(span, execution));
    finished.metadata().ifPresent(meta -> {
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) meta.statusCode());
      span.setAttribute(REPLAYED, meta.replayed());
    });
    finished.failure().ifPresent(failure -> {
      int status = failure instanceof FlowApiException ? ((FlowApiException) failure).statusCode() : 0;
      span.setAttribute(ERROR_TYPE, errorType(status, failure));
      if (failure instanceof FlowApiException) {
        span.setAttribute(ERROR_CODE, ((FlowApiException) failure).errorCode());
      }
      span.recordException(failure); // SDK messages never carry a token or secret
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    });
    span.end();
  }

  private static void flowId(Span span, FlowExecution execution) {
    span.setAttribute(FLOW_ID, execution.flowId());
  }

  /** The semantic conventions' error.type: the status code, else the failure's class. */
  private static String errorType(int status, RuntimeException failure) {
    if (status >= 400) {
      return Integer.toString(status);
    }
    if (failure == null) {
      return "_OTHER";
    }
    Throwable cause = failure.getCause();
    return failure instanceof dev.flowexec.sdk.errors.TransportException && cause != null
        ? cause.getClass().getName() : failure.getClass().getName();
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

  /** The spans of one call: its own, and its attempt's while one is in flight. */
  private static final class CallSpans {
    final Context context;
    final Span span;
    volatile Span attempt;

    CallSpans(Context context, Span span) {
      this.context = context;
      this.span = span;
    }
  }
}
