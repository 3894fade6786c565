package dev.flowexec.sdk.testing.internal;

import java.util.Set;

/** An OAuth client the token endpoint knows: its secret and the scopes it may be granted. */
public final class RegisteredClient {
  private final String clientId;
  private final String secret;
  private final Set<String> grantableScopes;

  /**
   * Creates a client.
   *
   * @param clientId the client id
   * @param secret the client secret
   * @param grantableScopes the scopes it may ask for
   */
  public RegisteredClient(String clientId, String secret, Set<String> grantableScopes) {
    this.clientId = clientId;
    this.secret = secret;
    this.grantableScopes = Set.copyOf(grantableScopes);
  }

  /**
   * The client id.
   *
   * @return the id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * The client secret.
   *
   * @return the secret
   */
  public String secret() {
    return secret;
  }

  /**
   * The scopes the client may be granted; a request without {@code scope} gets all of them.
   *
   * @return the scopes
   */
  public Set<String> grantableScopes() {
    return grantableScopes;
  }
}
