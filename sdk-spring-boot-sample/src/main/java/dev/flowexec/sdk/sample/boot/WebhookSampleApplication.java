package dev.flowexec.sdk.sample.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A webhook service: a shop posts order events to {@code POST /webhooks/orders} and each one
 * launches the order flow, exactly once however often the shop delivers it. The flowexec client
 * comes from the starter and {@code application.yml}; health and metrics from the actuator.
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
}
