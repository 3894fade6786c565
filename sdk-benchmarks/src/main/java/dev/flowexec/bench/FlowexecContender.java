package dev.flowexec.bench;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;

/**
 * This SDK as its README sets it up: {@code FlowExecutionsClient} over {@code RetrofitTransport}
 * with a fixed access token, defaults otherwise. Each call builds a new {@link LaunchRequest}, as
 * users do, so validation, the UUID idempotency key and serialization are all measured.
 */
public final class FlowexecContender implements AutoCloseable {
  private final FlowExecutionsClient client;

  /**
   * Creates the contender.
   *
   * @param baseUrl the server's base URL
   */
  public FlowexecContender(String baseUrl) {
    this.client =
        RetrofitTransport.builder()
            .baseUrl(baseUrl)
            .accessToken(Bench.ACCESS_TOKEN)
            .client()
            .build();
  }

  /**
   * Builds the request a user would: the contract's valid launch.
   *
   * @return a new request, with a new flow execution id
   */
  public static LaunchRequest newRequest() {
    return LaunchRequest.builder()
        .flowId(Bench.FLOW_ID)
        .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
        .channelType(Channel.WEB)
        .putInputData("order_id", "42")
        .build();
  }

  /**
   * Launches one execution.
   *
   * @return the execution
   */
  public FlowExecution launch() {
    return client.launch(newRequest());
  }

  @Override
  public void close() {
    client.close();
  }
}
