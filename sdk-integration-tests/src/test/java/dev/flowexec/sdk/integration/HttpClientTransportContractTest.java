package dev.flowexec.sdk.integration;

import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;

/**
 * The contract suite over the examples' {@link HttpClientTransport} (java.net.http). It takes an
 * {@link AccessTokenProvider} and has no client-credentials grant of its own, so it runs the
 * suite without the grant's cases ({@link CredentialsContractSuite}).
 */
class HttpClientTransportContractTest extends TransportContractSuite {
  @Override
  protected FlowTransport newTransport(String baseUrl, String accessToken) {
    return new HttpClientTransport(URI.create(baseUrl), AccessTokenProvider.of(accessToken));
  }
}
