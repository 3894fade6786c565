package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.micrometer.FlowexecMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records the client's calls in the application's {@link MeterRegistry} ({@link FlowexecMetrics}:
 * {@code flowexec.client.calls}, {@code flowexec.client.attempts}, {@code flowexec.client.retries},
 * {@code flowexec.client.calls.active}) when {@code sdk-micrometer} is on the class path and the
 * application has a {@code MeterRegistry} bean, as Spring Boot's actuator makes. The
 * auto-configured client is told through it like through any {@link
 * dev.flowexec.sdk.ExecutionListener} bean.
 *
 * <p>Your own {@code FlowexecMetrics} bean (with extra tags, say) replaces ours; {@code
 * flowexec.metrics.enabled=false} turns it off.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({FlowexecMetrics.class, MeterRegistry.class})
@ConditionalOnBooleanProperty(name = "flowexec.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "flowexec.metrics.enabled", matchIfMissing = true)
@ConditionalOnBean(MeterRegistry.class)
public final class FlowexecMetricsAutoConfiguration {
  /** Made by Spring Boot. */
  FlowexecMetricsAutoConfiguration() {}

  /**
   * The Micrometer listener.
   *
   * @param registry the application's registry
   * @return the listener, told of every call of the auto-configured client
   */
  @Bean
  @ConditionalOnMissingBean
  public FlowexecMetrics flowexecMetrics(MeterRegistry registry) {
    return FlowexecMetrics.create(registry);
  }
}
