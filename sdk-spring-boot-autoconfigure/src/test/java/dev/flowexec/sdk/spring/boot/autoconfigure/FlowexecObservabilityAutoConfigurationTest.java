package dev.flowexec.sdk.spring.boot.autoconfigure;

import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecAutoConfigurationTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.micrometer.FlowexecMetrics;
import dev.flowexec.sdk.opentelemetry.FlowexecTracing;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and tracing wired by themselves: with sdk-micrometer and a {@code MeterRegistry} (made
 * here by Boot's own metrics auto-configuration), and with sdk-opentelemetry and an {@code
 * OpenTelemetry} bean; absent, switched off, or replaced by the application's own.
 */
class FlowexecObservabilityAutoConfigurationTest {
  static final String SECRET = "observed-s3cret";
  static FlowExecutionsEmulator emulator;

  /** The application's client, and Boot's metrics as the actuator brings them. */
  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  FlowexecAutoConfiguration.class,
                  FlowexecMetricsAutoConfiguration.class,
                  FlowexecTracingAutoConfiguration.class,
                  MetricsAutoConfiguration.class,
                  CompositeMeterRegistryAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class))
          .withPropertyValues(
              "flowexec.auth.client-id=orders-service", "flowexec.auth.client-secret=" + SECRET);

  @BeforeAll
  static void startEmulator() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("orders-service", SECRET, "flow:execute", "flow:execution:read")
            .flow(Flow.withId("order-flow").publishedVersion("1", "Start", "End"))
            .start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  private ApplicationContextRunner app() {
    return runner.withPropertyValues("flowexec.base-url=" + emulator.baseUrl());
  }

  private static double calls(MeterRegistry registry, String outcome) {
    Timer timer =
        registry
            .find("flowexec.client.calls")
            .tag("operation", "launch")
            .tag("outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void withBootsMeterRegistryEveryCallIsRecorded() {
    app()
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(FlowexecMetrics.class)
                  .doesNotHaveBean(FlowexecTracing.class);
              context.getBean(FlowExecutionsClient.class).launch(request("metered-1"));
              context.getBean(FlowExecutionsClient.class).launch(request("metered-1"));
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(calls(registry, "success")).isEqualTo(1);
              assertThat(calls(registry, "replayed")).isEqualTo(1);
              assertThat(registry.find("flowexec.client.attempts").timers()).isNotEmpty();
              // The token fetch reaches the listener too: one request to the token endpoint, then
              // the cache.
              assertThat(registry.find("flowexec.client.token.fetches").timers())
                  .singleElement()
                  .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
              assertThat(registry.getMeters())
                  .allSatisfy(meter -> assertThat(meter.getId().toString()).doesNotContain(SECRET));
            });
  }

  @Test
  void withoutAMeterRegistryThereIsNoMetricsListener() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                FlowexecAutoConfiguration.class, FlowexecMetricsAutoConfiguration.class))
        .withPropertyValues(
            "flowexec.base-url=" + emulator.baseUrl(),
            "flowexec.auth.client-id=orders-service",
            "flowexec.auth.client-secret=" + SECRET)
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(FlowexecMetrics.class);
              context.getBean(FlowExecutionsClient.class).launch(request("unmetered-1"));
            });
  }

  @Test
  void withoutSdkMicrometerThereIsNoMetricsListenerAndTheClientStillWorks() {
    app()
        .withClassLoader(new FilteredClassLoader("dev.flowexec.sdk.micrometer"))
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(MeterRegistry.class)
                  .doesNotHaveBean("flowexecMetrics");
              context.getBean(FlowExecutionsClient.class).launch(request("no-module-1"));
              assertThat(
                      context.getBean(MeterRegistry.class).find("flowexec.client.calls").timers())
                  .isEmpty();
            });
  }

  @Test
  void metricsEnabledFalseRecordsNothing() {
    app()
        .withPropertyValues("flowexec.metrics.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(FlowexecMetrics.class);
              context.getBean(FlowExecutionsClient.class).launch(request("off-1"));
              assertThat(
                      context.getBean(MeterRegistry.class).find("flowexec.client.calls").timers())
                  .isEmpty();
            });
  }

  @Test
  void theApplicationsOwnMetricsListenerReplacesOurs() {
    app()
        .withUserConfiguration(OwnMetrics.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(FlowexecMetrics.class).hasBean("tenantMetrics");
              context.getBean(FlowExecutionsClient.class).launch(request("own-1"));
              Timer timer =
                  context
                      .getBean(MeterRegistry.class)
                      .find("flowexec.client.calls")
                      .tag("tenant", "acme")
                      .timer();
              assertThat(timer).isNotNull();
              assertThat(timer.count()).isEqualTo(1);
            });
  }

  @Test
  void withAnOpenTelemetryBeanEveryCallIsTraced() {
    app()
        .withUserConfiguration(Tracing.class)
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(FlowexecTracing.class)
                  .hasSingleBean(FlowexecMetrics.class);
              context.getBean(FlowExecutionsClient.class).launch(request("traced-1"));
              List<SpanData> spans = context.getBean(Tracing.class).exporter.getFinishedSpanItems();
              assertThat(spans)
                  .extracting(SpanData::getName)
                  .contains(
                      "flowexec launch", "POST /api/v2/flows/executions", "flowexec token fetch");
              SpanData attempt =
                  spans.stream()
                      .filter(span -> span.getKind() == SpanKind.CLIENT)
                      .findFirst()
                      .orElseThrow();
              ReceivedRequest launch =
                  emulator.requests().stream()
                      .filter(r -> r.path().startsWith("/api/"))
                      .findFirst()
                      .orElseThrow();
              // The service continues the trace from the attempt's span.
              assertThat(launch.header("traceparent"))
                  .hasValueSatisfying(
                      traceparent ->
                          assertThat(traceparent)
                              .contains(attempt.getTraceId())
                              .contains(attempt.getSpanId()));
              assertThat(spans.toString()).doesNotContain(SECRET);
              // Both listeners watch the same client.
              assertThat(calls(context.getBean(MeterRegistry.class), "success")).isEqualTo(1);
            });
  }

  @Test
  void tracingEnabledFalseOrNoModuleTracesNothing() {
    app()
        .withUserConfiguration(Tracing.class)
        .withPropertyValues("flowexec.tracing.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(FlowexecTracing.class);
              context.getBean(FlowExecutionsClient.class).launch(request("untraced-1"));
              assertThat(context.getBean(Tracing.class).exporter.getFinishedSpanItems()).isEmpty();
            });
    emulator.reset();
    app()
        .withUserConfiguration(Tracing.class)
        .withClassLoader(new FilteredClassLoader("dev.flowexec.sdk.opentelemetry"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean("flowexecTracing");
              context.getBean(FlowExecutionsClient.class).launch(request("untraced-2"));
              assertThat(context.getBean(Tracing.class).exporter.getFinishedSpanItems()).isEmpty();
            });
  }

  @Test
  void theApplicationsOwnTracingListenerReplacesOurs() {
    app()
        .withUserConfiguration(Tracing.class, OwnTracing.class)
        .run(
            context ->
                assertThat(context).hasSingleBean(FlowexecTracing.class).hasBean("myTracing"));
  }

  @Test
  void flowexecDisabledAddsNoListener() {
    app()
        .withUserConfiguration(Tracing.class)
        .withPropertyValues("flowexec.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(FlowexecMetrics.class)
                    .doesNotHaveBean(FlowexecTracing.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class Tracing {
    final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry() {
      return OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnMetrics {
    @Bean
    FlowexecMetrics tenantMetrics(MeterRegistry registry) {
      return FlowexecMetrics.create(registry, List.of(Tag.of("tenant", "acme")));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnTracing {
    @Bean
    FlowexecTracing myTracing(OpenTelemetry openTelemetry) {
      return FlowexecTracing.create(openTelemetry);
    }
  }
}
