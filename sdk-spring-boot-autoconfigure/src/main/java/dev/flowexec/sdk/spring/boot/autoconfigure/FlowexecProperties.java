package dev.flowexec.sdk.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 */
@ConfigurationProperties("flowexec")
public class FlowexecProperties {
  /** Whether to auto-configure the flowexec client at all. */
  private boolean enabled = true;

  /**
   * The API's base URL, such as https://flows.example.com. Must be https, except to a loopback host.
   */
  private String baseUrl;

  /** A fixed bearer token (without "Bearer "). Set this, or client-id and client-secret. */
  private String accessToken;

  /** The OAuth 2.0 client id for the client-credentials grant. */
  private String clientId;

  /** The OAuth 2.0 client secret that goes with client-id. */
  private String clientSecret;

  /**
   * Where the token endpoint is: tokens come from {auth-base-url}/oauth/token. Default: base-url.
   */
  private String authBaseUrl;

  /**
   * The scopes to request with client-id. Default: flow:execute and flow:execution:read.
   */
  private List<String> scopes = new ArrayList<>();

  /**
   * The most of a successful response's body that is read (after gzip decoding); a longer one
   * fails the call. Default: the transport's (RetrofitTransport.DEFAULT_MAX_RESPONSE_BYTES).
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
   * Returns the identity provider's base URL.
   *
   * @return the URL, or {@code null} for the API's base URL
   */
  public String getAuthBaseUrl() {
    return authBaseUrl;
  }

  /**
   * Sets the identity provider's base URL.
   *
   * @param authBaseUrl the URL
   */
  public void setAuthBaseUrl(String authBaseUrl) {
    this.authBaseUrl = authBaseUrl;
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
    return "FlowexecProperties{enabled=" + enabled + ", baseUrl=" + baseUrl
        + (accessToken != null ? ", accessToken=<redacted>" : "")
        + (clientId != null ? ", clientId=" + clientId : "")
        + (clientSecret != null ? ", clientSecret=<redacted>" : "")
        + (authBaseUrl != null ? ", authBaseUrl=" + authBaseUrl : "")
        + (scopes.isEmpty() ? "" : ", scopes=" + scopes)
        + (maxResponseSize != null ? ", maxResponseSize=" + maxResponseSize : "")
        + ", timeouts=" + timeouts + ", retry=" + retry + ", health=" + health + "}";
  }

  /** The {@code flowexec.timeouts.*} properties. */
  public static class Timeouts {
    /**
     * The most a whole call may take, retries and token fetch included, unless the call sets its
     * own.
     */
    private Duration call = Duration.ofSeconds(30);

    /**
     * The most one attempt may take, token fetch included. Default: the transport's, 60 s.
     */
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
      return "{call=" + call + ", attempt=" + attempt + ", connect=" + connect + ", read=" + read
          + ", write=" + write + "}";
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
      return "{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
          + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "}";
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
