package dev.flowexec.sdk.sample.boot;

import dev.flowexec.sdk.webhooks.StandardWebhooksVerifier;
import dev.flowexec.sdk.webhooks.WebhookVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A webhook service: a shop posts order events, signed the Standard Webhooks way, to {@code POST
 * /webhooks/orders} and each one launches the order flow, exactly once however often the shop
 * delivers it. The flowexec client comes from the starter and {@code application.yml}; health and
 * metrics from the actuator.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class WebhookSampleApplication {
  /** Made by Spring. */
  WebhookSampleApplication() {}

  /**
   * Starts the service.
   *
   * @param args Spring Boot's command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(WebhookSampleApplication.class, args);
  }

  /**
   * Checks each delivery's signature with the shop's secret; without one the service does not
   * start.
   */
  @Bean
  WebhookVerifier orderWebhookVerifier(SampleProperties properties) {
    String secret = properties.webhookSecret();
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "sample.webhook-secret is not set: set SAMPLE_WEBHOOK_SECRET to the whsec_... "
              + "signing secret of the shop's webhook settings");
    }
    try {
      return StandardWebhooksVerifier.builder().secret(secret).build();
    } catch (IllegalArgumentException e) {
      // The verifier's message never shows the secret.
      throw new IllegalStateException("sample.webhook-secret: " + e.getMessage(), e);
    }
  }

  /** Keeps the webhook secret out of {@code /actuator/configprops} and {@code /actuator/env}. */
  @Bean
  SanitizingFunction webhookSecretSanitizer() {
    return data ->
        data.getKey() != null
                && data.getKey().replace("-", "").equalsIgnoreCase("sample.webhooksecret")
            ? data.withSanitizedValue()
            : data;
  }
}
