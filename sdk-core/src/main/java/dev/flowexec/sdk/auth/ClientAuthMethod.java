package dev.flowexec.sdk.auth;

/**
 * How a client proves its identity to the token endpoint (RFC 6749 §2.3.1; the names are those of
 * OpenID Connect's {@code token_endpoint_auth_methods_supported}).
 */
public enum ClientAuthMethod {
  /**
   * {@code Authorization: Basic base64(urlencode(id) ":" urlencode(secret))}. The default, and what
   * RFC 6749 says every server must support.
   */
  CLIENT_SECRET_BASIC("client_secret_basic"),
  /**
   * {@code client_id} and {@code client_secret} in the form body, for providers that want them
   * there (some Auth0 and Azure AD setups).
   */
  CLIENT_SECRET_POST("client_secret_post");

  private final String wireName;

  ClientAuthMethod(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the method's OpenID Connect name.
   *
   * @return {@code client_secret_basic} or {@code client_secret_post}
   */
  public String wireName() {
    return wireName;
  }
}
