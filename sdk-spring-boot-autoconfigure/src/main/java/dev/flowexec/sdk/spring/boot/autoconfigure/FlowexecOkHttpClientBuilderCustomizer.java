package dev.flowexec.sdk.spring.boot.autoconfigure;

import okhttp3.OkHttpClient;

/**
 * Changes the {@link OkHttpClient.Builder} the transport's HTTP client is made from: a proxy, an
 * event listener, certificate pinning, an interceptor. The builder starts from your own {@link
 * OkHttpClient} bean when there is one ({@code newBuilder()}, so it shares its connection pool and
 * dispatcher), else from a new client. The transport then adds its own interceptors and turns off
 * OkHttp's silent re-sends. Declare it as a bean; several are applied in {@link
 * org.springframework.core.annotation.Order}.
 *
 * <p>An interceptor that logs headers or bodies prints the bearer token and, on token requests, the
 * client credentials: redact them ({@code HttpLoggingInterceptor.redactHeader("Authorization")}).
 */
@FunctionalInterface
public interface FlowexecOkHttpClientBuilderCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder
   */
  void customize(OkHttpClient.Builder builder);
}
