package dev.flowexec.sdk.spring.boot.autoconfigure;

import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecClientFactory.PREFIX;
import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecClientFactory.apply;
import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecClientFactory.positive;

import dev.flowexec.sdk.retrofit.RetrofitTransport;
import java.time.Duration;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/** Applies the {@code flowexec.*} properties to a {@link RetrofitTransport.Builder}. */
final class RetrofitTransportFactory {
  private static final String EXAMPLE_URL = "https://flows.example.com";

  private RetrofitTransportFactory() {}

  static RetrofitTransport.Builder builder(FlowexecProperties properties, OkHttpClient okHttpClient) {
    RetrofitTransport.Builder builder = RetrofitTransport.builder();
    String baseUrl = properties.getBaseUrl();
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new InvalidFlowexecPropertyException(PREFIX + "base-url", "is not set",
          "Set it to the API's URL, such as " + EXAMPLE_URL + " (or turn the flowexec starter off with flowexec.enabled=false)");
    }
    apply(PREFIX + "base-url", "set it to an https URL, such as " + EXAMPLE_URL, () -> builder.baseUrl(baseUrl));
    authentication(properties, builder);

    FlowexecProperties.Timeouts timeouts = properties.getTimeouts();
    duration(PREFIX + "timeouts.connect", timeouts.getConnect(), builder::connectTimeout);
    duration(PREFIX + "timeouts.read", timeouts.getRead(), builder::readTimeout);
    duration(PREFIX + "timeouts.write", timeouts.getWrite(), builder::writeTimeout);
    duration(PREFIX + "timeouts.attempt", timeouts.getAttempt(), builder::callTimeout);
    if (properties.getMaxResponseSize() != null) {
      long bytes = properties.getMaxResponseSize().toBytes();
      apply(PREFIX + "max-response-size", "set a positive size, such as 4MB", () -> builder.maxResponseBytes(bytes));
    }
    if (okHttpClient != null) {
      builder.okHttpClient(okHttpClient);
    }
    return builder;
  }

  static RetrofitTransport build(RetrofitTransport.Builder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The builder names its own setter first ("authBaseUrl is ..."): say which property that is.
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("no credentials")) {
        throw new InvalidFlowexecPropertyException(PREFIX + "client-id", "no way to authenticate is set",
            "Set flowexec.client-id and flowexec.client-secret, or flowexec.access-token "
                + "(or give the builder a token provider in a FlowexecTransportBuilderCustomizer)", e);
      }
      String property = message.startsWith("authBaseUrl") ? PREFIX + "auth-base-url"
          : message.startsWith("baseUrl") ? PREFIX + "base-url"
          : PREFIX + "*";
      throw new InvalidFlowexecPropertyException(property, message,
          "Fix the value, or a FlowexecTransportBuilderCustomizer that changed it", e);
    }
  }

  private static void authentication(FlowexecProperties properties, RetrofitTransport.Builder builder) {
    String token = emptyToNull(properties.getAccessToken());
    String clientId = emptyToNull(properties.getClientId());
    String secret = emptyToNull(properties.getClientSecret());
    if (token != null && (clientId != null || secret != null)) {
      throw new InvalidFlowexecPropertyException(PREFIX + "access-token",
          "is set together with flowexec.client-" + (clientId != null ? "id" : "secret"),
          "Keep one way to authenticate: either flowexec.access-token, or flowexec.client-id with flowexec.client-secret");
    }
    if (token != null) {
      apply(PREFIX + "access-token", "set the token alone, without \"Bearer \" and without spaces",
          () -> builder.accessToken(token));
      onlyWithCredentials(properties, "is set with flowexec.access-token");
      return;
    }
    if (clientId == null && secret == null) {
      // A FlowexecTransportBuilderCustomizer may still set a token provider; the builder says so if not.
      onlyWithCredentials(properties, "is set but flowexec.client-id is not");
      return;
    }
    if (clientId == null) {
      throw new InvalidFlowexecPropertyException(PREFIX + "client-id", "is not set, but flowexec.client-secret is",
          "Set flowexec.client-id to the client id your identity provider issued with the secret");
    }
    if (secret == null) {
      throw new InvalidFlowexecPropertyException(PREFIX + "client-secret", "is not set, but flowexec.client-id is",
          "Set flowexec.client-secret (from an environment variable or a secret store, not in a committed file)");
    }
    apply(PREFIX + "client-id", "set the client id your identity provider issued", () -> builder.credentials(clientId, secret));
    if (properties.getAuthBaseUrl() != null) {
      String authBaseUrl = properties.getAuthBaseUrl();
      apply(PREFIX + "auth-base-url", "set it to the identity provider's https URL", () -> builder.authBaseUrl(authBaseUrl));
    }
    if (!properties.getScopes().isEmpty()) {
      apply(PREFIX + "scopes", "list scopes such as flow:execute,flow:execution:read", () -> builder.scopes(properties.getScopes()));
    }
  }

  private static void onlyWithCredentials(FlowexecProperties properties, String reason) {
    String action = "Remove it, or authenticate with flowexec.client-id and flowexec.client-secret";
    if (properties.getAuthBaseUrl() != null) {
      throw new InvalidFlowexecPropertyException(PREFIX + "auth-base-url", reason, action);
    }
    if (!properties.getScopes().isEmpty()) {
      throw new InvalidFlowexecPropertyException(PREFIX + "scopes", reason, action);
    }
  }

  private static void duration(String property, Duration value, Consumer<Duration> setter) {
    if (value != null) {
      Duration checked = positive(property, value);
      apply(property, "set a positive duration, such as 10s", () -> setter.accept(checked));
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
