package dev.flowexec.sdk.integration;

import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.examples.HttpClientTokenEndpoint;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;

/**
 * The contract suite over the examples' {@link HttpClientTransport} (java.net.http), the grant's
 * cases included: its tokens come from sdk-core's caching provider through {@link
 * HttpClientTokenEndpoint}.
 */
class HttpClientTransportContractTest extends CredentialsContractSuite {
  @Override
  protected FlowTransport newTransport(String baseUrl, String accessToken) {
    return new HttpClientTransport(URI.create(baseUrl), AccessTokenProvider.of(accessToken));
  }

  @Override
  protected FlowTransport newCredentialsTransport(
      String baseUrl, String clientId, String clientSecret, String... scopes) {
    ClientCredentials.Builder credentials =
        ClientCredentials.builder()
            .tokenUrl(baseUrl.replaceAll("/+$", "") + "/oauth/token")
            .clientId(clientId)
            .clientSecret(clientSecret);
    if (scopes.length > 0) {
      credentials.scopes(scopes);
    }
    return new HttpClientTransport(
        URI.create(baseUrl), HttpClientTokenEndpoint.clientCredentials(credentials.build()));
  }
}
