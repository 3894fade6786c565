package dev.flowexec.bench;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.micrometer.FlowexecMetrics;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.opentelemetry.FlowexecTracing;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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
 */
public class IntegrationsBenchmark {

  /** One client per variant, shared by the benchmark threads. */
  @State(Scope.Benchmark)
  public static class Client {
    /** Which integration the client has. */
    @Param({"plain", "micrometer", "opentelemetry"})
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
        otel =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(
                            BatchSpanProcessor.builder(new DroppingExporter()).build())
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
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

  @Benchmark
  public FlowExecution launch(Client state) {
    return state.client.launch(FlowexecContender.newRequest());
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
