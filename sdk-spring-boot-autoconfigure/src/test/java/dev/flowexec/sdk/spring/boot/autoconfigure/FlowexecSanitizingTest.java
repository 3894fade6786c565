package dev.flowexec.sdk.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The actuator's configprops and env endpoints, with values shown, still hide the secrets. */
class FlowexecSanitizingTest {
  static final String SECRET = "configprops-s3cret";
  static final String TOKEN = "fixed-t0ken";

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  FlowexecAutoConfiguration.class,
                  EndpointAutoConfiguration.class,
                  ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                  EnvironmentEndpointAutoConfiguration.class))
          .withPropertyValues(
              "management.endpoints.web.exposure.include=configprops,env",
              "management.endpoint.configprops.show-values=always",
              "management.endpoint.env.show-values=always",
              "flowexec.base-url=https://flows.example.com",
              "flowexec.auth.client-id=orders-service",
              "flowexec.auth.client-secret=" + SECRET,
              "flowexec.auth.token-parameters.audience=https://flows.example.com/api",
              "flowexec.auth.token-parameters[api_key]=" + PARAMETER_SECRET);
  static final String PARAMETER_SECRET = "param-k3y";

  @Test
  void configpropsShowsTheSettingsButNotTheSecret() {
    runner.run(
        context -> {
          ConfigurationPropertiesReportEndpoint endpoint =
              context.getBean(ConfigurationPropertiesReportEndpoint.class);
          ConfigurationPropertiesBeanDescriptor bean =
              endpoint.configurationProperties().getContexts().values().stream()
                  .flatMap(c -> c.getBeans().values().stream())
                  .filter(b -> "flowexec".equals(b.getPrefix()))
                  .findFirst()
                  .orElseThrow();
          Map<String, Object> properties = bean.getProperties();
          assertThat(properties).containsEntry("baseUrl", "https://flows.example.com");
          assertThat(auth(properties))
              .containsEntry("clientId", "orders-service")
              .containsEntry("clientSecret", "******")
              .containsEntry(
                  "tokenParameters",
                  Map.of("audience", "https://flows.example.com/api", "api_key", "******"));
          assertThat(properties.toString()).doesNotContain(SECRET).doesNotContain(PARAMETER_SECRET);
          assertThat(bean.getInputs().toString())
              .doesNotContain(SECRET)
              .doesNotContain(PARAMETER_SECRET);
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> auth(Map<String, Object> properties) {
    return (Map<String, Object>) properties.get("auth");
  }

  @Test
  void withoutOurSanitizingFunctionBootWouldShowTheSecret() {
    // Proves the tests above can fail: show-values=always hides nothing by itself.
    runner
        .withBean("flowexecSanitizingFunction", SanitizingFunction.class, () -> data -> data)
        .run(
            context -> {
              ConfigurationPropertiesReportEndpoint endpoint =
                  context.getBean(ConfigurationPropertiesReportEndpoint.class);
              assertThat(
                      endpoint.configurationProperties().getContexts().values().stream()
                          .flatMap(c -> c.getBeans().values().stream())
                          .filter(b -> "flowexec".equals(b.getPrefix()))
                          .findFirst()
                          .orElseThrow()
                          .getProperties()
                          .get("auth"))
                  .asInstanceOf(InstanceOfAssertFactories.MAP)
                  .containsEntry("clientSecret", SECRET);
            });
  }

  @Test
  void envShowsTheSettingsButNotTheSecretOrToken() {
    runner
        .withPropertyValues("FLOWEXEC_AUTH_ACCESSTOKEN=" + TOKEN)
        .run(
            context -> {
              EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
              assertThat(
                      endpoint.environmentEntry("flowexec.auth.client-id").getProperty().getValue())
                  .isEqualTo("orders-service");
              assertThat(
                      endpoint
                          .environmentEntry("flowexec.auth.client-secret")
                          .getProperty()
                          .getValue())
                  .isEqualTo("******");
              String everything =
                  endpoint.environment(null).getPropertySources().toString()
                      + endpoint.environment("flowexec.*").getPropertySources().stream()
                          .map(source -> String.valueOf(source.getProperties()))
                          .reduce("", String::concat);
              assertThat(
                      endpoint
                          .environmentEntry("flowexec.auth.token-parameters.audience")
                          .getProperty()
                          .getValue())
                  .isEqualTo("https://flows.example.com/api");
              assertThat(
                      endpoint
                          .environmentEntry("flowexec.auth.token-parameters[api_key]")
                          .getProperty()
                          .getValue())
                  .isEqualTo("******");
              assertThat(everything)
                  .doesNotContain(SECRET)
                  .doesNotContain(TOKEN)
                  .doesNotContain(PARAMETER_SECRET);
            });
  }
}
