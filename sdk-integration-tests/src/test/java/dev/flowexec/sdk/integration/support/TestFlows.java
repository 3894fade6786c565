package dev.flowexec.sdk.integration.support;

import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.Outcome;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** The flows, clients and requests the end-to-end tests share. */
public final class TestFlows {
  /** Published: version "1" (Start, Greet) and, latest, version "2" (Start, Greet, Escalate). */
  public static final String FLOW = "abc-123";

  /** Registered without a published version. */
  public static final String DRAFT_FLOW = "draft.flow:7";

  /** Its executions end FAILED. */
  public static final String FAILING_FLOW = "failing-flow";

  /** Its executions never end. */
  public static final String ENDLESS_FLOW = "endless-flow";

  /** A client allowed every scope of the contract. */
  public static final String CLIENT_ID = "it-client";

  /** A client allowed only {@code flow:read}. */
  public static final String READER_CLIENT_ID = "it-reader";

  public static final Map<String, Object> OUTPUT = Map.of("answer", "yes", "score", 42L);

  private TestFlows() {}

  /** A fresh random secret per run, so that a leak cannot hide behind a well-known string. */
  public static String newSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return "sec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** An emulator builder with the shared flows and both clients registered. */
  public static FlowExecutionsEmulator.Builder emulator(String clientSecret, Clock clock) {
    return FlowExecutionsEmulator.builder()
        .clock(clock)
        .client(CLIENT_ID, clientSecret, "flow:execute", "flow:execution:read", "flow:read")
        .client(READER_CLIENT_ID, clientSecret, "flow:read")
        .flow(
            Flow.withId(FLOW)
                .publishedVersion("1", "Start", "Greet")
                .publishedVersion("2", "Start", "Greet", "Escalate")
                .outcome(Outcome.completed(OUTPUT)))
        .flow(Flow.withId(DRAFT_FLOW))
        .flow(
            Flow.withId(FAILING_FLOW)
                .publishedVersion("1", "Start")
                .outcome(Outcome.failed("node_failed", "the Greet node failed")))
        .flow(
            Flow.withId(ENDLESS_FLOW)
                .publishedVersion("1", "Start")
                .outcome(Outcome.staysRunning()));
  }

  /** A valid request for {@link #FLOW} with a fresh id. */
  public static LaunchRequest request() {
    return request(FLOW);
  }

  /** A valid request for a flow, with a fresh id. */
  public static LaunchRequest request(String flowId) {
    return LaunchRequest.builder()
        .flowId(flowId)
        .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
        .channelType(Channel.WEB)
        .flowExecutionId(UUID.randomUUID().toString())
        .putInputData("order_id", "42")
        .build();
  }
}
