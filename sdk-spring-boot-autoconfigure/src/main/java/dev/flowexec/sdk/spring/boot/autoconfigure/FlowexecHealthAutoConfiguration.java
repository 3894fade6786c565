package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code flowexec} health indicator ({@link FlowexecHealthIndicator}) when Spring Boot's
 * health support is present and a {@link FlowTransport} bean exists. Off with {@code
 * management.health.flowexec.enabled=false}.
 *
 * <p>It is not part of the liveness or readiness groups: an outage of the flowexec service should
 * not restart this application. Add it to a group yourself if you want that ({@code
 * management.endpoint.health.group.readiness.include=readinessState,flowexec}).
 */
@AutoConfiguration(after = FlowexecAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = "flowexec.enabled", matchIfMissing = true)
@ConditionalOnBean(FlowTransport.class)
@ConditionalOnEnabledHealthIndicator("flowexec")
@EnableConfigurationProperties(FlowexecProperties.class)
public final class FlowexecHealthAutoConfiguration {
  /** Made by Spring Boot. */
  FlowexecHealthAutoConfiguration() {}

  /**
   * The indicator, probing the application's transport.
   *
   * @param transport the transport
   * @param properties the properties
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "flowexecHealthIndicator")
  public FlowexecHealthIndicator flowexecHealthIndicator(
      FlowTransport transport, FlowexecProperties properties) {
    FlowexecProperties.Health health = properties.getHealth();
    // The transport knows where it sends (the application's own may not use flowexec.base-url).
    String baseUrl = transport.baseUrl().map(URI::toString).orElse(properties.getBaseUrl());
    return new FlowexecHealthIndicator(
        transport, baseUrl, health.getTimeout(), health.getCacheTtl());
  }
}
