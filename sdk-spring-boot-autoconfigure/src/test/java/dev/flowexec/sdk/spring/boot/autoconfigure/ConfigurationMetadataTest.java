package dev.flowexec.sdk.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IDEs complete flowexec.* from the metadata the configuration processor wrote at build time. */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyIsDescribed() throws IOException {
    String metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
      metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String property :
        new String[] {
          "flowexec.enabled",
          "flowexec.base-url",
          "flowexec.auth.access-token",
          "flowexec.auth.client-id",
          "flowexec.auth.client-secret",
          "flowexec.auth.base-url",
          "flowexec.auth.scopes",
          "flowexec.auth.token-url",
          "flowexec.auth.client-auth-method",
          "flowexec.auth.token-parameters",
          "flowexec.auth.scope-check",
          "flowexec.auth.scope-mapping",
          "flowexec.metrics.enabled",
          "flowexec.tracing.enabled",
          "flowexec.max-response-size",
          "flowexec.timeouts.call",
          "flowexec.timeouts.attempt",
          "flowexec.timeouts.connect",
          "flowexec.timeouts.read",
          "flowexec.timeouts.write",
          "flowexec.retry.max-attempts",
          "flowexec.retry.initial-backoff",
          "flowexec.retry.max-backoff",
          "flowexec.retry.max-retry-after",
          "flowexec.health.timeout",
          "flowexec.health.cache-ttl"
        }) {
      assertThat(metadata).contains("\"name\": \"" + property + "\"");
    }
    assertThat(metadata).doesNotContain("\"description\": \"\"");
    assertThat(metadata).contains("\"hints\"").contains("\"value\": \"flow:execute\"");
    // Enum values an IDE offers, with the defaults it shows.
    assertThat(metadata)
        .contains("\"value\": \"client-secret-post\"")
        .contains("\"value\": \"off\"")
        .contains("\"defaultValue\": \"client-secret-basic\"")
        .contains("\"defaultValue\": \"contract\"")
        .contains("\"name\": \"flowexec.auth.token-parameters.keys\"");
  }
}
