package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.opentelemetry.FlowexecTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Traces the client's calls with the application's {@link OpenTelemetry} ({@link FlowexecTracing}:
 * a span per call, a {@code CLIENT} span per HTTP attempt, {@code traceparent} sent with each
 * attempt) when {@code sdk-opentelemetry} is on the class path and the application has an {@code
 * OpenTelemetry} bean, as Spring Boot's {@code spring-boot-starter-opentelemetry} or the
 * OpenTelemetry Spring Boot starter make.
 *
 * <p>Your own {@code FlowexecTracing} bean replaces ours; {@code flowexec.tracing.enabled=false}
 * turns it off. With only the OpenTelemetry Java agent, there is no such bean: declare one that
 * returns {@code GlobalOpenTelemetry.get()}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
      "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration"
    })
@ConditionalOnClass({FlowexecTracing.class, OpenTelemetry.class})
@ConditionalOnBooleanProperty(name = "flowexec.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "flowexec.tracing.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
public final class FlowexecTracingAutoConfiguration {
  /** Made by Spring Boot. */
  FlowexecTracingAutoConfiguration() {}

  /**
   * The OpenTelemetry listener.
   *
   * @param openTelemetry the application's OpenTelemetry
   * @return the listener, told of every call of the auto-configured client
   */
  @Bean
  @ConditionalOnMissingBean
  public FlowexecTracing flowexecTracing(OpenTelemetry openTelemetry) {
    return FlowexecTracing.create(openTelemetry);
  }
}
