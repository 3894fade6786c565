package dev.flowexec.sdk.sample.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sample.*} properties.
 *
 * @param flowId the flow each order event launches
 * @param webhookSecret the shop's Standard Webhooks signing secret ({@code whsec_...}); from the
 *     environment, never a committed file. Masked in the actuator's {@code configprops} and {@code
 *     env}.
 */
@ConfigurationProperties("sample")
record SampleProperties(String flowId, String webhookSecret) {
  /** Shows the flow, never the secret. */
  @Override
  public String toString() {
    return "SampleProperties{flowId="
        + flowId
        + ", webhookSecret="
        + (webhookSecret == null ? null : "<redacted>")
        + "}";
  }
}
