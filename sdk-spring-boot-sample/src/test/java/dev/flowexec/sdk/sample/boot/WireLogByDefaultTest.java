package dev.flowexec.sdk.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.spring.boot.test.AutoConfigureFlowexecEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * By default the wire log is silent; the actuator's {@code loggers} endpoint (Boot's {@link
 * LoggingSystem}) raises it at run time, without a restart.
 */
@SpringBootTest(properties = "sample.webhook-secret=" + WebhookSampleApplicationTest.WEBHOOK_SECRET)
@AutoConfigureFlowexecEmulator(
    flows = "order-fulfilment:1:Start,End",
    clientSecret = WireLogByDefaultTest.SECRET)
@ExtendWith(OutputCaptureExtension.class)
class WireLogByDefaultTest {
  static final String SECRET = "wire-log-s3cret";

  @Autowired FlowExecutionsClient client;

  @Autowired LoggingSystem loggingSystem;

  @Test
  void nothingIsLoggedUntilTheLevelIsRaisedAtRunTime(CapturedOutput output) {
    client.launch(request("wire-quiet-1"));
    assertThat(output.getAll()).doesNotContain("/api/v2/flows/executions");

    // What POST /actuator/loggers/dev.flowexec.sdk.wire {"configuredLevel":"TRACE"} does.
    loggingSystem.setLogLevel("dev.flowexec.sdk.wire", LogLevel.TRACE);
    try {
      client.launch(request("wire-raised-1"));
      assertThat(output.getAll())
          .contains("--> POST ")
          .contains("\"flow_execution_id\":\"wire-raised-1\"")
          .doesNotContain(SECRET);
    } finally {
      loggingSystem.setLogLevel("dev.flowexec.sdk.wire", null);
    }
  }

  static LaunchRequest request(String id) {
    return LaunchRequest.builder()
        .flowId("order-fulfilment")
        .participants(Participant.of("cust-1", Role.USER, Channel.SMS))
        .channelType(Channel.SMS)
        .flowExecutionId(id)
        .build();
  }
}
