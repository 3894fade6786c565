package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.retrofit.RetrofitTransport;

/**
 * Changes the {@link RetrofitTransport.Builder} after the {@code flowexec.*} properties were
 * applied and before the transport is built: to authenticate with your own {@link
 * dev.flowexec.sdk.auth.AccessTokenProvider}, set a clock, or anything the properties do not cover.
 * Declare it as a bean; several are applied in {@link org.springframework.core.annotation.Order}.
 */
@FunctionalInterface
public interface FlowexecTransportBuilderCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(RetrofitTransport.Builder builder);
}
