package dev.flowexec.sdk.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.spring.boot.test.AutoConfigureFlowexecEmulator;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The Boot way to see the wire: {@code logging.level.dev.flowexec.sdk.wire=TRACE}. The SDK logs
 * through {@code System.Logger}, which the JDK hands to {@code java.util.logging}; Boot's Logback
 * system bridges that to SLF4J (jul-to-slf4j) and copies its levels onto the JUL loggers, so the
 * property is all it takes. The secret and the tokens stay out.
 */
@SpringBootTest(
    properties = {
      "logging.level.dev.flowexec.sdk.wire=TRACE",
      "sample.webhook-secret=" + WebhookSampleApplicationTest.WEBHOOK_SECRET
    })
@AutoConfigureFlowexecEmulator(
    flows = "order-fulfilment:1:Start,End",
    clientSecret = WireLogAtTraceTest.SECRET)
@ExtendWith(OutputCaptureExtension.class)
class WireLogAtTraceTest {
  static final String SECRET = "wire-log-s3cret";

  @Autowired FlowExecutionsClient client;

  @Autowired FlowExecutionsEmulator emulator;

  @Test
  void everyRequestAndResponseIsLoggedWithoutSecretsOrTokens(CapturedOutput output) {
    client.launch(request("wire-trace-1"));

    String log = output.getAll();
    assertThat(log)
        .contains("dev.flowexec.sdk.wire")
        .contains("--> POST " + emulator.baseUrl() + "/oauth/token")
        .contains("--> POST " + emulator.baseUrl() + "/api/v2/flows/executions")
        .contains("<-- 201 POST " + emulator.baseUrl() + "/api/v2/flows/executions")
        .contains("\"flow_execution_id\":\"wire-trace-1\"")
        .contains("Authorization: <redacted>");
    assertThat(log).doesNotContain(SECRET);
    String token =
        emulator.requests().stream()
            .filter(r -> r.path().startsWith("/api/"))
            .findFirst()
            .orElseThrow()
            .header("Authorization")
            .orElseThrow()
            .substring("Bearer ".length());
    assertThat(log).doesNotContain(token);
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
