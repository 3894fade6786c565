package dev.flowexec.bench;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.ArchitectApi;
import com.mypurecloud.sdk.v2.model.FlowExecutionLaunchRequest;
import com.mypurecloud.sdk.v2.model.FlowExecutionLaunchResponse;
import java.util.Map;

/**
 * Time to first launch with Genesys Cloud's SDK: a fresh JVM builds the client, launches once and
 * reports. Run on the peer's own runtime classpath (see run.sh), not the shaded jar.
 */
public final class FirstLaunchPeer {
  private FirstLaunchPeer() {}

  /**
   * Launches once and reports.
   *
   * @param args the server's base URL
   * @throws Exception if the launch fails
   */
  public static void main(String[] args) throws Exception {
    String baseUrl = FirstLaunch.baseUrl(args);
    ApiClient apiClient =
        ApiClient.Builder.standard()
            .withBasePath(baseUrl)
            .withAccessToken(Bench.ACCESS_TOKEN)
            .withShouldRefreshAccessToken(false)
            .build();
    FlowExecutionLaunchResponse response =
        new ArchitectApi(apiClient)
            .postFlowsExecutions(
                new FlowExecutionLaunchRequest()
                    .flowId(Bench.FLOW_ID)
                    .inputData(Map.of("order_id", "42")));
    FirstLaunch.report("peer", "selfUri=" + response.getSelfUri());
  }
}
