package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.auth.ClientAuthMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code flowexec.*} properties: where the API is, how to authenticate, and how long and how
 * often calls may take. Only {@code flowexec.base-url} and one way to authenticate are required;
 * the rest default to what the SDK's builders default to.
 *
 * <p>They are checked when the transport is built, and a bad value stops the application with a
 * message that names the property. {@link #toString()} never shows the access token or the client
 * secret, and neither do the actuator's {@code configprops} and {@code env} endpoints.
 *
 * <pre>{@code
 * flowexec:
 *   base-url: https://flows.example.com
 *   auth:
 *     client-id: orders-service
 *     client-secret: ${FLOWEXEC_CLIENT_SECRET}
 *     token-url: https://login.example.com/realms/flows/protocol/openid-connect/token
 * }</pre>
 */
@ConfigurationProperties("flowexec")
public class FlowexecProperties {
  /** Whether to auto-configure the flowexec client at all. */
  private boolean enabled = true;

  /**
   * The API's base URL, such as https://flows.example.com. Must be https, except to a loopback
   * host.
   */
  private String baseUrl;

  /** How the client authenticates: a fixed token, or the client-credentials grant. */
  private final Auth auth = new Auth();

  /**
   * The most of a successful response's body that is read (after gzip decoding); a longer one fails
   * the call. Default: the transport's (RetrofitTransport.DEFAULT_MAX_RESPONSE_BYTES).
   */
  private DataSize maxResponseSize;

  /** Timeouts of a whole call and of its parts. */
  private final Timeouts timeouts = new Timeouts();

  /** When and how failed calls are retried. */
  private final Retry retry = new Retry();

  /** The flowexec health indicator. */
  private final Health health = new Health();

  /** Creates the properties with their defaults; Spring Boot binds {@code flowexec.*} onto them. */
  public FlowexecProperties() {}

  /**
   * Whether the auto-configuration is on.
   *
   * @return {@code true} unless {@code flowexec.enabled=false}
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Turns the auto-configuration on or off.
   *
   * @param enabled {@code false} to configure nothing
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Returns the API's base URL.
   *
   * @return the URL, or {@code null} when not set
   */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets the API's base URL.
   *
   * @param baseUrl the URL
   */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Returns the authentication settings.
   *
   * @return the {@code flowexec.auth.*} settings
   */
  public Auth getAuth() {
    return auth;
  }

  /**
   * Returns the cap on a successful response's body.
   *
   * @return the size, or {@code null} for the transport's default
   */
  public DataSize getMaxResponseSize() {
    return maxResponseSize;
  }

  /**
   * Sets the cap on a successful response's body.
   *
   * @param maxResponseSize the size, such as {@code 4MB}
   */
  public void setMaxResponseSize(DataSize maxResponseSize) {
    this.maxResponseSize = maxResponseSize;
  }

  /**
   * Returns the timeouts.
   *
   * @return the timeouts
   */
  public Timeouts getTimeouts() {
    return timeouts;
  }

  /**
   * Returns the retry settings.
   *
   * @return the retry settings
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * Returns the health indicator's settings.
   *
   * @return the health settings
   */
  public Health getHealth() {
    return health;
  }

  /** Shows the settings, with the access token and client secret as {@code <redacted>}. */
  @Override
  public String toString() {
    return "FlowexecProperties{enabled="
        + enabled
        + ", baseUrl="
        + baseUrl
        + ", auth="
        + auth
        + (maxResponseSize != null ? ", maxResponseSize=" + maxResponseSize : "")
        + ", timeouts="
        + timeouts
        + ", retry="
        + retry
        + ", health="
        + health
        + "}";
  }

  /**
   * The {@code flowexec.auth.*} properties: either {@code access-token}, or {@code client-id} and
   * {@code client-secret} for the OAuth 2.0 client-credentials grant with the settings of the
   * identity provider. The grant's settings are refused with an access token.
   */
  public static class Auth {
    /** A fixed bearer token (without "Bearer "). Set this, or client-id and client-secret. */
    private String accessToken;

    /** The OAuth 2.0 client id for the client-credentials grant. */
    private String clientId;

    /** The OAuth 2.0 client secret that goes with client-id. */
    private String clientSecret;

    /**
     * The identity provider's token endpoint, its full URL, such as
     * https://login.example.com/realms/flows/protocol/openid-connect/token. Must be https, except
     * to a loopback host. Default: {base-url}/oauth/token.
     */
    private String tokenUrl;

    /**
     * The service's own login, as a base: tokens come from {auth.base-url}/oauth/token. Not with
     * token-url. Default: base-url.
     */
    private String baseUrl;

    /**
     * How the client authenticates to the token endpoint: client_secret_basic (an Authorization
     * header) or client_secret_post (in the form body).
     */
    private ClientAuthMethod clientAuthMethod;

    /** The scopes to request. Default: flow:execute and flow:execution:read. */
    private List<String> scopes = new ArrayList<>();

    /**
     * Extra form parameters for every token request, such as audience (Auth0) or resource (Azure
     * AD). grant_type, scope and the client's credentials cannot be set this way.
     */
    private Map<String, String> tokenParameters = new LinkedHashMap<>();

    /**
     * How the granted scopes are checked before a call is sent. Default: mapping when scope-mapping
     * is set, contract otherwise.
     */
    private ScopeCheckMode scopeCheck;

    /**
     * For scope-check mapping: each of the provider's scope names and the contract scopes it stands
     * for, such as [api://flows/.default]=flow:execute,flow:execution:read.
     */
    private Map<String, List<String>> scopeMapping = new LinkedHashMap<>();

    /** Creates the settings with their defaults. */
    public Auth() {}

    /**
     * Returns the fixed access token.
     *
     * @return the token, or {@code null} when not set
     */
    public String getAccessToken() {
      return accessToken;
    }

    /**
     * Sets a fixed access token.
     *
     * @param accessToken the token
     */
    public void setAccessToken(String accessToken) {
      this.accessToken = accessToken;
    }

    /**
     * Returns the OAuth client id.
     *
     * @return the client id, or {@code null} when not set
     */
    public String getClientId() {
      return clientId;
    }

    /**
     * Sets the OAuth client id.
     *
     * @param clientId the client id
     */
    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    /**
     * Returns the OAuth client secret.
     *
     * @return the secret, or {@code null} when not set
     */
    public String getClientSecret() {
      return clientSecret;
    }

    /**
     * Sets the OAuth client secret.
     *
     * @param clientSecret the secret
     */
    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    /**
     * Returns the token endpoint's full URL.
     *
     * @return the URL, or {@code null} for {@code {base-url}/oauth/token}
     */
    public String getTokenUrl() {
      return tokenUrl;
    }

    /**
     * Sets the token endpoint's full URL.
     *
     * @param tokenUrl the URL
     */
    public void setTokenUrl(String tokenUrl) {
      this.tokenUrl = tokenUrl;
    }

    /**
     * Returns the base URL of the service's own login.
     *
     * @return the URL, or {@code null} for the API's base URL
     */
    public String getBaseUrl() {
      return baseUrl;
    }

    /**
     * Sets the base URL of the service's own login.
     *
     * @param baseUrl the URL
     */
    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    /**
     * Returns how the client authenticates to the token endpoint.
     *
     * @return the method, or {@code null} for {@link ClientAuthMethod#CLIENT_SECRET_BASIC}
     */
    public ClientAuthMethod getClientAuthMethod() {
      return clientAuthMethod;
    }

    /**
     * Sets how the client authenticates to the token endpoint.
     *
     * @param clientAuthMethod the method
     */
    public void setClientAuthMethod(ClientAuthMethod clientAuthMethod) {
      this.clientAuthMethod = clientAuthMethod;
    }

    /**
     * Returns the scopes to request.
     *
     * @return the scopes; empty for the SDK's default
     */
    public List<String> getScopes() {
      return scopes;
    }

    /**
     * Sets the scopes to request.
     *
     * @param scopes the scopes
     */
    public void setScopes(List<String> scopes) {
      this.scopes = scopes;
    }

    /**
     * Returns the extra token request parameters.
     *
     * @return the parameters by name; empty for none
     */
    public Map<String, String> getTokenParameters() {
      return tokenParameters;
    }

    /**
     * Sets the extra token request parameters.
     *
     * @param tokenParameters the parameters by name
     */
    public void setTokenParameters(Map<String, String> tokenParameters) {
      this.tokenParameters = tokenParameters;
    }

    /**
     * Returns how granted scopes are checked.
     *
     * @return the check, or {@code null} for the default (mapping with a scope-mapping, contract
     *     otherwise)
     */
    public ScopeCheckMode getScopeCheck() {
      return scopeCheck;
    }

    /**
     * Sets how granted scopes are checked.
     *
     * @param scopeCheck the check
     */
    public void setScopeCheck(ScopeCheckMode scopeCheck) {
      this.scopeCheck = scopeCheck;
    }

    /**
     * Returns the provider's scope names mapped to the contract's.
     *
     * @return the mapping; empty for none
     */
    public Map<String, List<String>> getScopeMapping() {
      return scopeMapping;
    }

    /**
     * Sets the provider's scope names mapped to the contract's.
     *
     * @param scopeMapping each provider scope and the contract scopes it stands for
     */
    public void setScopeMapping(Map<String, List<String>> scopeMapping) {
      this.scopeMapping = scopeMapping;
    }

    /** Shows the settings, with the access token and client secret as {@code <redacted>}. */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("{");
      append(text, "accessToken", accessToken == null ? null : "<redacted>");
      append(text, "clientId", clientId);
      append(text, "clientSecret", clientSecret == null ? null : "<redacted>");
      append(text, "tokenUrl", tokenUrl);
      append(text, "baseUrl", baseUrl);
      append(
          text, "clientAuthMethod", clientAuthMethod == null ? null : clientAuthMethod.wireName());
      append(text, "scopes", scopes.isEmpty() ? null : scopes);
      append(text, "tokenParameters", tokenParameters.isEmpty() ? null : tokenParameters.keySet());
      append(text, "scopeCheck", scopeCheck);
      append(text, "scopeMapping", scopeMapping.isEmpty() ? null : scopeMapping);
      return text.append('}').toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
      if (value != null) {
        text.append(text.length() > 1 ? ", " : "").append(name).append('=').append(value);
      }
    }
  }

  /** How granted scopes are checked before a call is sent ({@code flowexec.auth.scope-check}). */
  public enum ScopeCheckMode {
    /**
     * The provider grants the contract's flow:* scope names; others (profile, email) are ignored.
     */
    CONTRACT,
    /** The provider names scopes its own way; scope-mapping translates them first. */
    MAPPING,
    /** No check before sending; a missing scope is the service's 403. */
    OFF
  }

  /** The {@code flowexec.timeouts.*} properties. */
  public static class Timeouts {
    /**
     * The most a whole call may take, retries and token fetch included, unless the call sets its
     * own.
     */
    private Duration call = Duration.ofSeconds(30);

    /** The most one attempt may take, token fetch included. Default: the transport's, 60 s. */
    private Duration attempt;

    /** How long connecting (TCP and TLS) may take. Default: the transport's, 10 s. */
    private Duration connect;

    /** The longest silence while reading a response. Default: the transport's, 30 s. */
    private Duration read;

    /** The longest stall while sending a request. Default: the transport's, 30 s. */
    private Duration write;

    /** Creates the timeouts with their defaults. */
    public Timeouts() {}

    /**
     * Returns the whole-call timeout.
     *
     * @return the timeout
     */
    public Duration getCall() {
      return call;
    }

    /**
     * Sets the whole-call timeout.
     *
     * @param call the timeout
     */
    public void setCall(Duration call) {
      this.call = call;
    }

    /**
     * Returns the per-attempt timeout.
     *
     * @return the timeout, or {@code null} for the transport's default
     */
    public Duration getAttempt() {
      return attempt;
    }

    /**
     * Sets the per-attempt timeout.
     *
     * @param attempt the timeout
     */
    public void setAttempt(Duration attempt) {
      this.attempt = attempt;
    }

    /**
     * Returns the connect timeout.
     *
     * @return the timeout, or {@code null} for the transport's default
     */
    public Duration getConnect() {
      return connect;
    }

    /**
     * Sets the connect timeout.
     *
     * @param connect the timeout
     */
    public void setConnect(Duration connect) {
      this.connect = connect;
    }

    /**
     * Returns the read timeout.
     *
     * @return the timeout, or {@code null} for the transport's default
     */
    public Duration getRead() {
      return read;
    }

    /**
     * Sets the read timeout.
     *
     * @param read the timeout
     */
    public void setRead(Duration read) {
      this.read = read;
    }

    /**
     * Returns the write timeout.
     *
     * @return the timeout, or {@code null} for the transport's default
     */
    public Duration getWrite() {
      return write;
    }

    /**
     * Sets the write timeout.
     *
     * @param write the timeout
     */
    public void setWrite(Duration write) {
      this.write = write;
    }

    @Override
    public String toString() {
      return "{call="
          + call
          + ", attempt="
          + attempt
          + ", connect="
          + connect
          + ", read="
          + read
          + ", write="
          + write
          + "}";
    }
  }

  /** The {@code flowexec.retry.*} properties; each unset one keeps the SDK's default. */
  public static class Retry {
    /** The most attempts per call, the first included; 1 turns retries off. Default: 3. */
    private Integer maxAttempts;

    /** The delay before the first retry. Default: 200 ms. */
    private Duration initialBackoff;

    /** The longest delay between attempts. Default: 5 s. */
    private Duration maxBackoff;

    /** The longest Retry-After the client waits out; a longer one ends the call. Default: 30 s. */
    private Duration maxRetryAfter;

    /** Creates the retry settings with their defaults. */
    public Retry() {}

    /**
     * Returns the most attempts per call.
     *
     * @return the number, or {@code null} for the default
     */
    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets the most attempts per call.
     *
     * @param maxAttempts the number, at least 1
     */
    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * Returns the first backoff.
     *
     * @return the delay, or {@code null} for the default
     */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets the first backoff.
     *
     * @param initialBackoff the delay
     */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /**
     * Returns the longest backoff.
     *
     * @return the delay, or {@code null} for the default
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets the longest backoff.
     *
     * @param maxBackoff the delay
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /**
     * Returns the longest {@code Retry-After} honoured.
     *
     * @return the delay, or {@code null} for the default
     */
    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    /**
     * Sets the longest {@code Retry-After} honoured.
     *
     * @param maxRetryAfter the delay
     */
    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    @Override
    public String toString() {
      return "{maxAttempts="
          + maxAttempts
          + ", initialBackoff="
          + initialBackoff
          + ", maxBackoff="
          + maxBackoff
          + ", maxRetryAfter="
          + maxRetryAfter
          + "}";
    }
  }

  /** The {@code flowexec.health.*} properties. */
  public static class Health {
    /** The most one health probe may take. */
    private Duration timeout = Duration.ofSeconds(2);

    /** How long a probe's result is reused before the service is asked again. */
    private Duration cacheTtl = Duration.ofSeconds(30);

    /** Creates the health settings with their defaults. */
    public Health() {}

    /**
     * Returns the probe timeout.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the probe timeout.
     *
     * @param timeout the timeout
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /**
     * Returns how long a probe result is reused.
     *
     * @return the time to live
     */
    public Duration getCacheTtl() {
      return cacheTtl;
    }

    /**
     * Sets how long a probe result is reused.
     *
     * @param cacheTtl the time to live; zero to probe every time
     */
    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }

    @Override
    public String toString() {
      return "{timeout=" + timeout + ", cacheTtl=" + cacheTtl + "}";
    }
  }
}
