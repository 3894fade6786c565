package dev.flowexec.sdk.spring.boot.autoconfigure;

import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecClientFactory.PREFIX;
import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecClientFactory.apply;
import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecClientFactory.call;
import static dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecClientFactory.positive;

import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.auth.ScopeCheck;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/** Applies the {@code flowexec.*} properties to a {@link RetrofitTransport.Builder}. */
final class RetrofitTransportFactory {
  static final String AUTH = PREFIX + "auth.";
  private static final String EXAMPLE_URL = "https://flows.example.com";
  private static final String EXAMPLE_TOKEN_URL =
      "https://login.example.com/realms/flows/protocol/openid-connect/token";

  private RetrofitTransportFactory() {}

  static RetrofitTransport.Builder builder(
      FlowexecProperties properties, OkHttpClient okHttpClient) {
    RetrofitTransport.Builder builder = RetrofitTransport.builder();
    String baseUrl = properties.getBaseUrl();
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new InvalidFlowexecPropertyException(
          PREFIX + "base-url",
          "is not set",
          "Set it to the API's URL, such as "
              + EXAMPLE_URL
              + " (or turn the flowexec starter off with flowexec.enabled=false)");
    }
    apply(
        PREFIX + "base-url",
        "set it to an https URL, such as " + EXAMPLE_URL,
        () -> builder.baseUrl(baseUrl));
    authentication(properties.getAuth(), builder);

    FlowexecProperties.Timeouts timeouts = properties.getTimeouts();
    duration(PREFIX + "timeouts.connect", timeouts.getConnect(), builder::connectTimeout);
    duration(PREFIX + "timeouts.read", timeouts.getRead(), builder::readTimeout);
    duration(PREFIX + "timeouts.write", timeouts.getWrite(), builder::writeTimeout);
    duration(PREFIX + "timeouts.attempt", timeouts.getAttempt(), builder::callTimeout);
    if (properties.getMaxResponseSize() != null) {
      long bytes = properties.getMaxResponseSize().toBytes();
      apply(
          PREFIX + "max-response-size",
          "set a positive size, such as 4MB",
          () -> builder.maxResponseBytes(bytes));
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
        throw new InvalidFlowexecPropertyException(
            AUTH + "client-id",
            "no way to authenticate is set",
            "Set flowexec.auth.client-id and flowexec.auth.client-secret, or flowexec.auth.access-token "
                + "(or give the builder a token provider in a FlowexecTransportBuilderCustomizer)",
            e);
      }
      String property =
          message.startsWith("authBaseUrl")
              ? AUTH + "base-url"
              : message.startsWith("tokenUrl")
                  ? AUTH + "token-url"
                  : message.startsWith("baseUrl") ? PREFIX + "base-url" : PREFIX + "*";
      throw new InvalidFlowexecPropertyException(
          property,
          message,
          "Fix the value, or a FlowexecTransportBuilderCustomizer that changed it",
          e);
    }
  }

  private static void authentication(
      FlowexecProperties.Auth auth, RetrofitTransport.Builder builder) {
    String token = emptyToNull(auth.getAccessToken());
    String clientId = emptyToNull(auth.getClientId());
    String secret = emptyToNull(auth.getClientSecret());
    if (token != null && (clientId != null || secret != null)) {
      throw new InvalidFlowexecPropertyException(
          AUTH + "access-token",
          "is set together with flowexec.auth.client-" + (clientId != null ? "id" : "secret"),
          "Keep one way to authenticate: either flowexec.auth.access-token, or flowexec.auth.client-id with "
              + "flowexec.auth.client-secret");
    }
    if (token != null) {
      apply(
          AUTH + "access-token",
          "set the token alone, without \"Bearer \" and without spaces",
          () -> builder.accessToken(token));
      onlyWithCredentials(auth, "is set with flowexec.auth.access-token");
      return;
    }
    if (clientId == null && secret == null) {
      // A FlowexecTransportBuilderCustomizer may still set a token provider; the builder says so if
      // not.
      onlyWithCredentials(auth, "is set but flowexec.auth.client-id is not");
      return;
    }
    if (clientId == null) {
      throw new InvalidFlowexecPropertyException(
          AUTH + "client-id",
          "is not set, but flowexec.auth.client-secret is",
          "Set flowexec.auth.client-id to the client id your identity provider issued with the secret");
    }
    if (secret == null) {
      throw new InvalidFlowexecPropertyException(
          AUTH + "client-secret",
          "is not set, but flowexec.auth.client-id is",
          "Set flowexec.auth.client-secret (from an environment variable or a secret store, not in a committed file)");
    }
    apply(
        AUTH + "client-id",
        "set the client id your identity provider issued",
        () -> builder.credentials(clientId, secret));
    grant(auth, builder);
  }

  /** The client-credentials grant's settings: where the token endpoint is and what it is sent. */
  private static void grant(FlowexecProperties.Auth auth, RetrofitTransport.Builder builder) {
    String tokenUrl = emptyToNull(auth.getTokenUrl());
    String authBaseUrl = emptyToNull(auth.getBaseUrl());
    if (tokenUrl != null && authBaseUrl != null) {
      throw new InvalidFlowexecPropertyException(
          AUTH + "token-url",
          "is set together with flowexec.auth.base-url",
          "Keep one: token-url, the identity provider's full token endpoint URL, or base-url, a login service "
              + "that serves {base-url}/oauth/token");
    }
    if (tokenUrl != null) {
      // Checked here, where the property is known, with the SDK's own rule (the transport checks it
      // again).
      apply(
          AUTH + "token-url",
          "set the identity provider's token endpoint, an https URL such as "
              + EXAMPLE_TOKEN_URL
              + " (http only to a loopback host)",
          () -> ClientCredentials.builder().tokenUrl(tokenUrl));
      builder.tokenUrl(tokenUrl);
    }
    if (authBaseUrl != null) {
      apply(
          AUTH + "base-url",
          "set it to the login service's https URL",
          () -> builder.authBaseUrl(authBaseUrl));
    }
    if (auth.getClientAuthMethod() != null) {
      builder.clientAuthMethod(auth.getClientAuthMethod());
    }
    List<String> scopes = auth.getScopes();
    if (!scopes.isEmpty()) {
      apply(
          AUTH + "scopes",
          "list scopes such as flow:execute,flow:execution:read",
          () -> builder.scopes(scopes));
    }
    auth.getTokenParameters()
        .forEach(
            (name, value) -> {
              String given = value == null ? "" : value;
              apply(
                  tokenParameter(name),
                  "Remove it: the scope is flowexec.auth.scopes and the credentials are "
                      + "flowexec.auth.client-id, client-secret and client-auth-method; other names, such as audience or resource, "
                      + "are sent as given",
                  () -> ClientCredentials.builder().tokenParameter(name, given));
              builder.tokenParameter(name, given);
            });
    ScopeCheck check = scopeCheck(auth);
    builder.scopeCheck(check);
    if (check.equals(ScopeCheck.contract())) {
      Collection<String> requested = scopes.isEmpty() ? Scopes.defaultRequest() : scopes;
      try {
        check.checkRequested(requested);
      } catch (IllegalStateException uncheckable) {
        throw new InvalidFlowexecPropertyException(
            AUTH + "scopes",
            "has no flow:* scope ("
                + String.join(",", requested)
                + "), so the scopes the identity provider grants cannot be checked before a call is sent",
            "Map the provider's scopes to the contract's, such as flowexec.auth.scope-mapping["
                + requested.iterator().next()
                + "]=flow:execute,flow:execution:read, or set flowexec.auth.scope-check=off to let the service decide",
            uncheckable);
      }
    }
  }

  /** scope-check, with mapping implied by a scope-mapping and contract by nothing. */
  static ScopeCheck scopeCheck(FlowexecProperties.Auth auth) {
    Map<String, List<String>> mapping = auth.getScopeMapping();
    FlowexecProperties.ScopeCheckMode mode = auth.getScopeCheck();
    if (mode == null) {
      mode =
          mapping.isEmpty()
              ? FlowexecProperties.ScopeCheckMode.CONTRACT
              : FlowexecProperties.ScopeCheckMode.MAPPING;
    }
    if (mode == FlowexecProperties.ScopeCheckMode.MAPPING) {
      if (mapping.isEmpty()) {
        throw new InvalidFlowexecPropertyException(
            AUTH + "scope-mapping",
            "is not set, but flowexec.auth.scope-check is mapping",
            "Map each of the provider's scopes to the contract's, such as "
                + "flowexec.auth.scope-mapping[api://flows/.default]=flow:execute,flow:execution:read");
      }
      return call(
          AUTH + "scope-mapping",
          "map each provider scope to contract scopes: flow:execute, "
              + "flow:execution:write or flow:execution:read",
          () -> ScopeCheck.mapping(mapping));
    }
    if (!mapping.isEmpty()) {
      throw new InvalidFlowexecPropertyException(
          AUTH + "scope-mapping",
          "is set, but flowexec.auth.scope-check is " + mode.name().toLowerCase(Locale.ROOT),
          "Remove flowexec.auth.scope-check (a scope-mapping implies mapping), or remove the mapping");
    }
    return mode == FlowexecProperties.ScopeCheckMode.OFF ? ScopeCheck.off() : ScopeCheck.contract();
  }

  /**
   * The grant's settings mean nothing without client credentials: refuse them, naming the first.
   */
  private static void onlyWithCredentials(FlowexecProperties.Auth auth, String reason) {
    String action =
        "Remove it, or authenticate with flowexec.auth.client-id and flowexec.auth.client-secret";
    String property =
        emptyToNull(auth.getTokenUrl()) != null
            ? "token-url"
            : emptyToNull(auth.getBaseUrl()) != null
                ? "base-url"
                : auth.getClientAuthMethod() != null
                    ? "client-auth-method"
                    : !auth.getScopes().isEmpty()
                        ? "scopes"
                        : !auth.getTokenParameters().isEmpty()
                            ? tokenParameter(auth.getTokenParameters().keySet().iterator().next())
                                .substring(AUTH.length())
                            : auth.getScopeCheck() != null
                                ? "scope-check"
                                : !auth.getScopeMapping().isEmpty() ? "scope-mapping" : null;
    if (property != null) {
      throw new InvalidFlowexecPropertyException(AUTH + property, reason, action);
    }
  }

  /**
   * The property of one token parameter, spelled as Boot needs it: brackets keep {@code _} and
   * capitals.
   */
  private static String tokenParameter(String name) {
    return AUTH + "token-parameters" + (name.matches("[a-z0-9-]+") ? "." + name : "[" + name + "]");
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
