package dev.flowexec.sdk.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) against any identity
 * provider: the full token endpoint URL, the client id and secret, how the client authenticates,
 * the scopes to request, extra form parameters the provider needs ({@code audience}, {@code
 * resource}) and how granted scopes are checked. Immutable; {@link #toString()} never shows the
 * secret.
 *
 * <pre>{@code
 * ClientCredentials keycloak = ClientCredentials.builder()
 *     .tokenUrl("https://login.example.com/realms/flows/protocol/openid-connect/token")
 *     .clientId("orders-service")
 *     .clientSecret(secret)
 *     .build();
 * }</pre>
 */
public final class ClientCredentials {
  /** Form parameters the SDK sets itself, which {@link Builder#tokenParameter} may not override. */
  private static final Set<String> RESERVED =
      Set.of(
          "grant_type",
          "client_id",
          "client_secret",
          "scope",
          "client_assertion",
          "client_assertion_type",
          "username",
          "password",
          "refresh_token",
          "code");

  private final URI tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final ClientAuthMethod authMethod;
  private final Set<String> scopes;
  private final Map<String, String> parameters;
  private final ScopeCheck scopeCheck;

  private ClientCredentials(Builder builder) {
    this.tokenUrl = builder.tokenUrl;
    this.clientId = builder.clientId;
    this.clientSecret = builder.clientSecret;
    this.authMethod = builder.authMethod;
    this.scopes = builder.scopes;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
    this.scopeCheck = builder.scopeCheck;
  }

  /**
   * Starts a builder. {@code tokenUrl}, {@code clientId} and {@code clientSecret} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the token endpoint's URL.
   *
   * @return the URL, such as {@code https://login.example.com/oauth2/default/v1/token}
   */
  public URI tokenUrl() {
    return tokenUrl;
  }

  /**
   * Returns the client id.
   *
   * @return the client id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns how the client authenticates to the token endpoint.
   *
   * @return the method; {@link ClientAuthMethod#CLIENT_SECRET_BASIC} unless set
   */
  public ClientAuthMethod authMethod() {
    return authMethod;
  }

  /**
   * Returns the scopes requested.
   *
   * @return an immutable, ordered set
   */
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * Returns the extra form parameters sent with every token request.
   *
   * @return an immutable, ordered map
   */
  public Map<String, String> tokenParameters() {
    return parameters;
  }

  /**
   * Returns how granted scopes are checked before a call is sent.
   *
   * @return the check
   */
  public ScopeCheck scopeCheck() {
    return scopeCheck;
  }

  /**
   * Returns the HTTP request that runs the grant, ready for a {@link TokenEndpoint} to send.
   *
   * @return the request; its {@code toString()} hides the credentials
   */
  public TokenRequest tokenRequest() {
    StringBuilder form =
        new StringBuilder("grant_type=client_credentials&scope=")
            .append(encode(String.join(" ", scopes)));
    parameters.forEach(
        (name, value) -> form.append('&').append(encode(name)).append('=').append(encode(value)));
    Map<String, String> headers = new LinkedHashMap<>();
    if (authMethod == ClientAuthMethod.CLIENT_SECRET_BASIC) {
      headers.put("Authorization", basicAuthorization());
    } else {
      form.append("&client_id=")
          .append(encode(clientId))
          .append("&client_secret=")
          .append(encode(clientSecret));
    }
    headers.put("Content-Type", TokenRequest.FORM_CONTENT_TYPE);
    headers.put("Accept", "application/json");
    return new TokenRequest(tokenUrl, headers, form.toString(), this);
  }

  /** RFC 6749 §2.3.1: id and secret form-urlencoded, joined by a colon, then base64. */
  String basicAuthorization() {
    String pair = encode(clientId) + ":" + encode(clientSecret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces every spelling of the secret that could reach a message or a log (as given, form
   * encoded, and inside the Basic credential) with {@code <redacted>}. Token endpoints echo
   * requests in their error descriptions; a transport's own wire log uses this on all it writes.
   *
   * @param text any text, such as a response body
   * @return the text without the secret
   */
  public String redact(String text) {
    String result = text;
    for (String spelling :
        new String[] {
          basicAuthorization().substring("Basic ".length()), encode(clientSecret), clientSecret
        }) {
      if (spelling.length() >= 3) { // a one- or two-character secret would redact ordinary words
        result = result.replace(spelling, "<redacted>");
      }
    }
    if (clientSecret.length() < 3 && result.contains(clientSecret)) {
      return "(the description is hidden: it may contain the client secret)";
    }
    return result;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ClientCredentials)) {
      return false;
    }
    ClientCredentials that = (ClientCredentials) other;
    return tokenUrl.equals(that.tokenUrl)
        && clientId.equals(that.clientId)
        && clientSecret.equals(that.clientSecret)
        && authMethod == that.authMethod
        && scopes.equals(that.scopes)
        && parameters.equals(that.parameters)
        && scopeCheck.equals(that.scopeCheck);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        tokenUrl, clientId, clientSecret, authMethod, scopes, parameters, scopeCheck);
  }

  /** Returns the settings, with the secret shown as {@code <redacted>}. */
  @Override
  public String toString() {
    return "ClientCredentials{tokenUrl="
        + tokenUrl
        + ", clientId="
        + clientId
        + ", clientSecret=<redacted>"
        + ", authMethod="
        + authMethod.wireName()
        + ", scopes="
        + String.join(" ", scopes)
        + (parameters.isEmpty() ? "" : ", tokenParameters=" + parameters)
        + ", scopeCheck="
        + scopeCheck
        + "}";
  }

  /**
   * Configures {@link ClientCredentials}. Not thread-safe; {@link #toString()} hides the secret.
   */
  public static final class Builder {
    private URI tokenUrl;
    private String clientId;
    private String clientSecret;
    private ClientAuthMethod authMethod = ClientAuthMethod.CLIENT_SECRET_BASIC;
    private Set<String> scopes = Scopes.defaultRequest();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private ScopeCheck scopeCheck = ScopeCheck.contract();

    private Builder() {}

    /**
     * Sets the token endpoint's full URL, such as Keycloak's {@code
     * https://login.example.com/realms/{realm}/protocol/openid-connect/token}. Must be {@code
     * https}, except to a loopback host. Required.
     *
     * @param tokenUrl the URL
     * @return this builder
     * @throws IllegalArgumentException when the URL is not acceptable, with what to change
     */
    public Builder tokenUrl(String tokenUrl) {
      this.tokenUrl =
          EndpointUrls.check(
              "tokenUrl",
              Objects.requireNonNull(tokenUrl, "tokenUrl"),
              "https://login.example.com/oauth2/default/v1/token");
      return this;
    }

    /**
     * Sets the client id. Required.
     *
     * @param clientId the id your identity provider issued
     * @return this builder
     */
    public Builder clientId(String clientId) {
      Objects.requireNonNull(clientId, "clientId");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException(
            "clientId is blank: pass the client id your identity provider issued");
      }
      this.clientId = clientId;
      return this;
    }

    /**
     * Sets the client secret; no message or {@code toString()} shows it. Required.
     *
     * @param clientSecret the secret issued with the client id
     * @return this builder
     */
    public Builder clientSecret(String clientSecret) {
      Objects.requireNonNull(clientSecret, "clientSecret");
      if (clientSecret.isEmpty()) {
        throw new IllegalArgumentException(
            "clientSecret is empty: pass the secret issued with the client id");
      }
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Sets how the client authenticates. Default: {@link ClientAuthMethod#CLIENT_SECRET_BASIC}.
     *
     * @param authMethod the method
     * @return this builder
     */
    public Builder authMethod(ClientAuthMethod authMethod) {
      this.authMethod = Objects.requireNonNull(authMethod, "authMethod");
      return this;
    }

    /**
     * Sets the scopes to request. Default: {@link Scopes#defaultRequest()}, {@code flow:execute
     * flow:execution:read}.
     *
     * @param scopes one or more scopes
     * @return this builder
     * @throws IllegalArgumentException when empty, or a scope is not one word of printable ASCII
     */
    public Builder scopes(Collection<String> scopes) {
      Set<String> copy = new LinkedHashSet<>();
      for (String scope : scopes) {
        // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
        if (scope == null
            || scope.isEmpty()
            || scope.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c >= 127)) {
          throw new IllegalArgumentException(
              "scopes has \""
                  + scope
                  + "\": a scope is one word of printable ASCII, such as flow:execute");
        }
        copy.add(scope);
      }
      if (copy.isEmpty()) {
        throw new IllegalArgumentException(
            "scopes is empty: request at least one, such as flow:execute");
      }
      this.scopes = Collections.unmodifiableSet(copy);
      return this;
    }

    /**
     * Sets the scopes to request.
     *
     * @param scopes one or more scopes
     * @return this builder
     * @see #scopes(Collection)
     */
    public Builder scopes(String... scopes) {
      return scopes(Arrays.asList(scopes));
    }

    /**
     * Adds a form parameter to every token request, such as {@code audience} (Auth0) or {@code
     * resource} (some Azure AD setups). Setting a name again replaces its value.
     *
     * @param name the parameter's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for a name the grant sets itself ({@code grant_type}, {@code
     *     scope}, {@code client_id}, {@code client_secret}, ...), or a blank name
     */
    public Builder tokenParameter(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value of token parameter " + name);
      if (name.isBlank()) {
        throw new IllegalArgumentException(
            "a token parameter name is blank: use the provider's name, such as audience");
      }
      String lower = name.trim().toLowerCase(Locale.ROOT);
      if (RESERVED.contains(lower)) {
        throw new IllegalArgumentException(
            "token parameter "
                + name
                + " is set by the SDK and cannot be overridden"
                + (lower.equals("scope")
                    ? ": set scopes(...) instead"
                    : lower.startsWith("client")
                        ? ": set clientId, clientSecret and authMethod instead"
                        : ": the SDK runs the client-credentials grant only"));
      }
      parameters.put(name, value);
      return this;
    }

    /**
     * Sets how granted scopes are checked before a call is sent. Default: {@link
     * ScopeCheck#contract()}.
     *
     * @param scopeCheck the check
     * @return this builder
     */
    public Builder scopeCheck(ScopeCheck scopeCheck) {
      this.scopeCheck = Objects.requireNonNull(scopeCheck, "scopeCheck");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalStateException when a required setting is missing, or the scopes requested
     *     cannot be checked with the configured {@link ScopeCheck}
     */
    public ClientCredentials build() {
      if (tokenUrl == null) {
        throw new IllegalStateException(
            "tokenUrl is not set: pass the identity provider's token endpoint, such as "
                + "https://login.example.com/realms/{realm}/protocol/openid-connect/token");
      }
      if (clientId == null || clientSecret == null) {
        throw new IllegalStateException(
            (clientId == null ? "clientId" : "clientSecret")
                + " is not set: pass the client id and secret your identity provider issued");
      }
      scopeCheck.checkRequested(scopes);
      return new ClientCredentials(this);
    }

    /** Returns the settings, with the secret shown as {@code <redacted>}. */
    @Override
    public String toString() {
      return "ClientCredentials.Builder{tokenUrl="
          + tokenUrl
          + ", clientId="
          + clientId
          + (clientSecret != null ? ", clientSecret=<redacted>" : "")
          + ", authMethod="
          + authMethod.wireName()
          + ", scopes="
          + String.join(" ", scopes)
          + ", tokenParameters="
          + parameters
          + ", scopeCheck="
          + scopeCheck
          + "}";
    }
  }
}
