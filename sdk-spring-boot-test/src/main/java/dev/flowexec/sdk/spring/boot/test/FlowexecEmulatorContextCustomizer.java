package dev.flowexec.sdk.spring.boot.test;

import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the emulator before the context is refreshed, puts the {@code flowexec.*} properties that
 * point at it first among the property sources, registers it as the bean {@value #BEAN_NAME}, and
 * stops it when the context closes.
 */
final class FlowexecEmulatorContextCustomizer implements ContextCustomizer {
  static final String BEAN_NAME = "flowexecEmulator";
  static final String PROPERTY_SOURCE = "flowexecEmulator";

  private final EmulatorSettings settings;

  FlowexecEmulatorContextCustomizer(EmulatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    FlowExecutionsEmulator emulator = settings.start();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource(PROPERTY_SOURCE, properties(emulator)));
    context.getBeanFactory().registerSingleton(BEAN_NAME, emulator);
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent closed
              && closed.getApplicationContext() == context) {
            emulator.close();
          }
        });
  }

  private Map<String, Object> properties(FlowExecutionsEmulator emulator) {
    String baseUrl = emulator.baseUrl();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("flowexec.enabled", "true");
    properties.put("flowexec.base-url", baseUrl);
    properties.put("flowexec.auth.client-id", settings.clientId());
    properties.put("flowexec.auth.client-secret", settings.clientSecret());
    properties.put("flowexec.auth.scopes", String.join(",", settings.scopes()));
    // The application's own settings for a real identity provider must not leak into the test:
    // the emulator's token endpoint takes HTTP Basic and ignores extra token parameters, and its
    // tokens carry the contract's scope names, which every scope check accepts.
    properties.put("flowexec.auth.access-token", "");
    properties.put("flowexec.auth.token-url", "");
    properties.put("flowexec.auth.base-url", baseUrl);
    properties.put("flowexec.auth.client-auth-method", "client-secret-basic");
    return properties;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FlowexecEmulatorContextCustomizer that
        && settings.equals(that.settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }
}
