package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.transport.FlowTransport;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures a {@link FlowExecutionsClient} over a {@link RetrofitTransport}, both built from
 * the {@code flowexec.*} properties ({@link FlowexecProperties}) and closed with the application
 * context.
 *
 * <ul>
 *   <li>Your own {@link FlowTransport} or {@link FlowExecutionsClient} bean replaces ours.
 *   <li>Your own {@link OkHttpClient} bean is used by the transport (through {@code newBuilder()},
 *       so it keeps its pool and dispatcher, which stay yours to close).
 *   <li>{@link FlowexecOkHttpClientBuilderCustomizer}, {@link FlowexecTransportBuilderCustomizer}
 *       and {@link FlowexecClientBuilderCustomizer} beans are applied in order.
 *   <li>Every {@link ExecutionListener} bean is told of the client's calls, in {@link
 *       org.springframework.core.annotation.Order}: your own, and the metrics and tracing listeners
 *       of {@link FlowexecMetricsAutoConfiguration} and {@link FlowexecTracingAutoConfiguration}.
 *   <li>{@code flowexec.enabled=false} turns all of it off.
 * </ul>
 *
 * <p>Without {@code flowexec.base-url} and a way to authenticate, the application does not start:
 * the failure names the missing property. The starter is there to make a client, and a missing
 * setting is better found at start-up than at the first webhook.
 */
@AutoConfiguration
@ConditionalOnClass(FlowExecutionsClient.class)
@ConditionalOnBooleanProperty(name = "flowexec.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlowexecProperties.class)
public final class FlowexecAutoConfiguration {
  /** Made by Spring Boot. */
  FlowexecAutoConfiguration() {}

  /**
   * The client, built from the properties, the transport and the customizers.
   *
   * @param properties the properties
   * @param transport the transport
   * @param listener the application's {@link ExecutionListener}s, all told, in order
   * @param customizers the customizers, in order
   * @return the client; Spring closes it (and so the transport) with the context
   */
  @Bean
  @ConditionalOnMissingBean
  public FlowExecutionsClient flowExecutionsClient(
      FlowexecProperties properties,
      FlowTransport transport,
      ObjectProvider<ExecutionListener> listener,
      ObjectProvider<FlowexecClientBuilderCustomizer> customizers) {
    FlowExecutionsClient.Builder builder =
        FlowexecClientFactory.clientBuilder(properties, transport);
    // The client tells each in turn; one that throws is logged and does not silence the next.
    listener.orderedStream().forEach(builder::listener);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** The transport over Retrofit and OkHttp, when sdk-retrofit is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RetrofitTransport.class, OkHttpClient.class})
  @ConditionalOnMissingBean(FlowTransport.class)
  static class RetrofitTransportConfiguration {
    @Bean
    RetrofitTransport flowexecTransport(
        FlowexecProperties properties,
        ObjectProvider<OkHttpClient> okHttpClient,
        ObjectProvider<OwnedOkHttpClient> ownedOkHttpClient,
        ObjectProvider<FlowexecOkHttpClientBuilderCustomizer> okHttpCustomizers,
        ObjectProvider<FlowexecTransportBuilderCustomizer> customizers,
        ResourceLoader resourceLoader) {
      ClassLoader loader = resourceLoader.getClassLoader();
      OkHttpClassPath.warnIfDuplicated(
          loader != null ? loader : RetrofitTransport.class.getClassLoader());
      OkHttpClient http = null;
      OkHttpClient users = okHttpClient.getIfUnique();
      if (users != null) {
        OkHttpClient.Builder derived = users.newBuilder();
        okHttpCustomizers.orderedStream().forEach(customizer -> customizer.customize(derived));
        http = derived.build();
      } else {
        OwnedOkHttpClient owned = ownedOkHttpClient.getIfAvailable();
        http = owned == null ? null : owned.client();
      }
      RetrofitTransport.Builder builder = RetrofitTransportFactory.builder(properties, http);
      customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      return RetrofitTransportFactory.build(builder);
    }

    /** Only when OkHttp customizers exist and the application has no OkHttpClient of its own. */
    @Bean
    @ConditionalOnMissingBean({OkHttpClient.class, OwnedOkHttpClient.class})
    @ConditionalOnBean(FlowexecOkHttpClientBuilderCustomizer.class)
    OwnedOkHttpClient flowexecOwnedOkHttpClient(
        ObjectProvider<FlowexecOkHttpClientBuilderCustomizer> okHttpCustomizers) {
      OkHttpClient.Builder builder = OwnedOkHttpClient.defaults();
      okHttpCustomizers.orderedStream().forEach(customizer -> customizer.customize(builder));
      return new OwnedOkHttpClient(builder.build());
    }
  }

  /** Keeps the access token and the client secret out of the actuator's configprops and env. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SanitizingFunction.class)
  static class SanitizingConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "flowexecSanitizingFunction")
    SanitizingFunction flowexecSanitizingFunction() {
      return new FlowexecSanitizingFunction();
    }
  }
}
