package dev.flowexec.bench;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.ArchitectApi;
import com.mypurecloud.sdk.v2.model.FlowExecutionLaunchRequest;
import com.mypurecloud.sdk.v2.model.FlowExecutionLaunchResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Genesys Cloud's Java SDK ({@code com.mypurecloud:platform-client-v2}) as its README sets it up:
 * {@code ApiClient.Builder.standard()} with a base path and a fixed access token, its default
 * connector (Apache HttpClient 4), then {@code ArchitectApi.postFlowsExecutions}. A new request
 * object per call. Its launch model has no participants or channel, so its body is smaller than
 * ours; that favours the peer, not us.
 */
public final class PeerContender implements AutoCloseable {
  private final ApiClient apiClient;
  private final ArchitectApi api;

  /**
   * Creates the contender.
   *
   * @param baseUrl the server's base URL
   */
  public PeerContender(String baseUrl) {
    this.apiClient =
        ApiClient.Builder.standard()
            .withBasePath(baseUrl)
            .withAccessToken(Bench.ACCESS_TOKEN)
            .withShouldRefreshAccessToken(false)
            .build();
    this.api = new ArchitectApi(apiClient);
  }

  /**
   * Launches one execution.
   *
   * @return the peer's view of the execution
   * @throws IOException on I/O failure
   * @throws ApiException on an error status
   */
  public FlowExecutionLaunchResponse launch() throws IOException, ApiException {
    FlowExecutionLaunchRequest request =
        new FlowExecutionLaunchRequest().flowId(Bench.FLOW_ID).inputData(Map.of("order_id", "42"));
    return api.postFlowsExecutions(request);
  }

  @Override
  public void close() {
    try {
      apiClient.close();
    } catch (Exception e) { // ApiClient.close() declares Exception
      throw new IllegalStateException("closing the peer's ApiClient failed", e);
    }
  }
}
