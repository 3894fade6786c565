package dev.flowexec.bench;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;

/**
 * Time to first launch with this SDK: a fresh JVM builds the client, launches once and reports. Run
 * on sdk-retrofit's own runtime classpath (see run.sh), not the shaded jar. Written out in full
 * (not through {@link FlowexecContender}) so it reads as the README's first example.
 */
public final class FirstLaunchFlowexec {
  private FirstLaunchFlowexec() {}

  /**
   * Launches once and reports.
   *
   * @param args the server's base URL
   */
  public static void main(String[] args) {
    String baseUrl = FirstLaunch.baseUrl(args);
    FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(baseUrl)
                    .accessToken(Bench.ACCESS_TOKEN)
                    .build())
            .build();
    FlowExecution execution =
        client.launch(
            LaunchRequest.builder()
                .flowId(Bench.FLOW_ID)
                .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
                .channelType(Channel.WEB)
                .putInputData("order_id", "42")
                .build());
    FirstLaunch.report("flowexec", "status=" + execution.status());
  }
}
