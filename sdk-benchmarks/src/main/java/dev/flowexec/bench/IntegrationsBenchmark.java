package dev.flowexec.bench;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.micrometer.FlowexecMetrics;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.opentelemetry.FlowexecTracing;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.util.Collection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the integrations cost per launch: the same client as {@link FlowexecContender} with logging
 * off (the default: the wire log and the attempt log each cost one level check), with {@code
 * sdk-micrometer} on a {@code SimpleMeterRegistry}, and with {@code sdk-opentelemetry} on a real
 * SDK tracer provider whose batch processor hands the spans to an exporter that drops them (a
 * sampled trace, the W3C propagator injecting {@code traceparent} into every attempt). Quote the
 * integrations as ratios over {@code plain} from the same run: the target is at most 5% time and 1
 * KB allocation per call more.
 *
 * <p>Two more variants tell the OpenTelemetry figure apart. {@code opentelemetry-floor} is what the
 * OpenTelemetry SDK itself costs for the same trace, with no flowexec code: the plain client with a
 * listener that, once per call, starts and ends the same two spans (an {@code INTERNAL} call span,
 * its {@code CLIENT} child) with the same names and attributes as a launch's ({@code 5} and {@code
 * 8}) through the bare API, and injects the child's {@code traceparent} into a field, on the same
 * tracer provider, processor, exporter and propagator. {@code opentelemetry} minus it is ours:
 * keeping a call's spans, and the {@code traceparent} header on the wire. {@code
 * opentelemetry-unsampled} is {@code sdk-opentelemetry} with a sampler that records nothing ({@code
 * Sampler.alwaysOff()}), where only the trace context is still made and sent.
 */
public class IntegrationsBenchmark {

  /** One client per variant, shared by the benchmark threads. */
  @State(Scope.Benchmark)
  public static class Client {
    /** Which integration the client has. */
    @Param({
      "plain",
      "micrometer",
      "opentelemetry",
      "opentelemetry-floor",
      "opentelemetry-unsampled"
    })
    public String variant;

    FlowExecutionsClient client;
    OpenTelemetrySdk otel;

    @Setup(Level.Trial)
    public void setUp() {
      FlowExecutionsClient.Builder builder =
          FlowExecutionsClient.builder()
              .transport(
                  RetrofitTransport.builder()
                      .baseUrl(Bench.baseUrl())
                      .accessToken(Bench.ACCESS_TOKEN)
                      .build());
      ExecutionListener integration = null;
      if (variant.equals("micrometer")) {
        integration = FlowexecMetrics.create(new SimpleMeterRegistry());
      } else if (variant.equals("opentelemetry")) {
        otel = openTelemetry(Sampler.parentBased(Sampler.alwaysOn()));
        integration = FlowexecTracing.create(otel);
      } else if (variant.equals("opentelemetry-floor")) {
        otel = openTelemetry(Sampler.parentBased(Sampler.alwaysOn()));
        integration = new SpanFloor(otel, URI.create(Bench.baseUrl()));
      } else if (variant.equals("opentelemetry-unsampled")) {
        otel = openTelemetry(Sampler.alwaysOff());
        integration = FlowexecTracing.create(otel);
      } else if (!variant.equals("plain")) {
        throw new IllegalArgumentException("unknown variant " + variant);
      }
      if (integration != null) {
        builder.listener(integration);
      }
      client = builder.build();
      client.launch(FlowexecContender.newRequest()); // fail fast if the server is not there
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      client.close();
      if (otel != null) {
        otel.close();
      }
    }
  }

  /** The SDK tracer provider every OpenTelemetry variant has, but for its sampler. */
  static OpenTelemetrySdk openTelemetry(Sampler sampler) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setSampler(sampler) // parentBased(alwaysOn()) is the SDK's default
                .addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build())
                .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  @Benchmark
  public FlowExecution launch(Client state) {
    return state.client.launch(FlowexecContender.newRequest());
  }

  /**
   * The OpenTelemetry SDK's own cost of a launch's trace: the two spans {@code sdk-opentelemetry}
   * makes for a launch that succeeds at once, with their names, kinds and attribute counts (the
   * call span's 5, the request span's 8), and the request span's {@code traceparent} made, all
   * through the bare API at the call's end, with no per-call state and no header sent.
   */
  static final class SpanFloor implements ExecutionListener {
    private static final AttributeKey<String> FLOW_EXECUTION_ID =
        AttributeKey.stringKey("flowexec.flow_execution_id");
    private static final AttributeKey<String> FLOW_ID = AttributeKey.stringKey("flowexec.flow_id");
    private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("flowexec.attempts");
    private static final AttributeKey<Boolean> REPLAYED =
        AttributeKey.booleanKey("flowexec.replayed");
    private static final AttributeKey<Long> STATUS =
        AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final Attributes request;
    private final String url;

    /** The last {@code traceparent} made, kept so that making it is not optimized away. */
    volatile String traceparent;

    SpanFloor(OpenTelemetry openTelemetry, URI baseUrl) {
      this.tracer = openTelemetry.getTracer("dev.flowexec.bench.floor");
      this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
      this.request =
          Attributes.of(
              AttributeKey.stringKey("http.request.method"),
              "POST",
              AttributeKey.stringKey("url.template"),
              "/api/v2/flows/executions",
              AttributeKey.stringKey("server.address"),
              baseUrl.getHost(),
              AttributeKey.longKey("server.port"),
              (long) baseUrl.getPort());
      this.url = baseUrl + "/api/v2/flows/executions";
    }

    @Override
    public void callFinished(CallFinished call) {
      Span span =
          tracer
              .spanBuilder("flowexec launch")
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(FLOW_EXECUTION_ID, call.flowExecutionId())
              .setAttribute(FLOW_ID, Bench.FLOW_ID)
              .startSpan();
      Context context = Context.current().with(span);
      Span child =
          tracer
              .spanBuilder("POST /api/v2/flows/executions")
              .setParent(context)
              .setSpanKind(SpanKind.CLIENT)
              .setAllAttributes(request)
              .setAttribute(URL_FULL, url)
              .startSpan();
      child.setAttribute(FLOW_EXECUTION_ID, call.flowExecutionId());
      child.setAttribute(FLOW_ID, Bench.FLOW_ID);
      propagator.inject(
          context.with(child), this, (floor, name, value) -> floor.traceparent = value);
      child.setAttribute(STATUS, 201L);
      child.end();
      span.setAttribute(ATTEMPTS, 1L);
      span.setAttribute(STATUS, 201L);
      span.setAttribute(REPLAYED, false);
      span.end();
    }
  }

  /** Exports nothing: what remains is the cost of making, ending and batching the spans. */
  static final class DroppingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
