package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.FlowExecutionsClient;

/**
 * Changes the {@link FlowExecutionsClient.Builder} after the {@code flowexec.*} properties were
 * applied and before the client is built: a listener, a scheduler, a retry policy of your own.
 * Declare it as a bean; several are applied in {@link org.springframework.core.annotation.Order}.
 */
@FunctionalInterface
public interface FlowexecClientBuilderCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder, with the transport and the properties applied
   */
  void customize(FlowExecutionsClient.Builder builder);
}
