package dev.flowexec.sdk.integration;

import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.transport.FlowTransport;
import java.time.Duration;

/** The contract suite over {@link RetrofitTransport}. */
class RetrofitTransportContractTest extends CredentialsContractSuite {
  @Override
  protected FlowTransport newTransport(String baseUrl, String accessToken) {
    return RetrofitTransport.builder()
        .baseUrl(baseUrl)
        .accessToken(accessToken)
        .readTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  protected FlowTransport newCredentialsTransport(
      String baseUrl, String clientId, String clientSecret, String... scopes) {
    RetrofitTransport.Builder builder =
        RetrofitTransport.builder()
            .baseUrl(baseUrl)
            .credentials(clientId, clientSecret)
            .readTimeout(Duration.ofSeconds(10));
    if (scopes.length > 0) {
      builder.scopes(scopes);
    }
    return builder.build();
  }
}
