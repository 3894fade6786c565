package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.integration.support.Generators;
import dev.flowexec.sdk.integration.support.Json;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Execution;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Properties of requests, end to end: what {@code build()} accepts, {@link FlowJsonCodec}
 * serializes to JSON that the emulator accepts ({@code 201}) and stores field for field; what it
 * refuses, it refuses with a {@link RequestValidationException} and nothing else; and where the SDK
 * and the emulator both apply a rule, they agree.
 */
class LaunchRequestPropertiesTest {
  /** Flows with edge-case ids, version names and node names (nodes are matched exactly). */
  private static final List<Flow> FLOWS =
      List.of(
          Flow.withId("a").publishedVersion("1", "Start"),
          Flow.withId("abc-123")
              .publishedVersion("1", "Start", "Greet")
              .publishedVersion("2", "Start", "Escalate"),
          Flow.withId("Z".repeat(128))
              .publishedVersion("2026.11.28", "Ünïcødé nöde", "🚀 launch", "tab\there"),
          Flow.withId("billing.v2:flows_main-1")
              .publishedVersion("v 1", "x")
              .publishedVersion("ß", "\"quoted\"", "back\\slash"));

  // One emulator per property: jqwik may run properties at the same time, and each try starts
  // from an empty emulator.
  private FlowExecutionsEmulator emulator;
  private FlowExecutionsClient client;

  @BeforeProperty
  void start() {
    FlowExecutionsEmulator.Builder builder =
        FlowExecutionsEmulator.builder()
            .lifecycle(Duration.ofHours(1), Duration.ofHours(1))
            .requestHistoryLimit(4);
    FLOWS.forEach(builder::flow);
    emulator = builder.start();
    client =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(emulator.baseUrl())
                    .accessToken(emulator.issueToken(Set.of("flow:execute")))
                    .build())
            .retryPolicy(RetryPolicy.none())
            .timeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterProperty
  void stop() {
    client.close();
    emulator.close();
  }

  @BeforeTry
  void forgetExecutions() {
    emulator.reset();
  }

  // ---------------------------------------------------------------- accepted requests

  @Property(tries = 200)
  void accepted_requests_launch_201_and_round_trip(@ForAll("validRequests") LaunchRequest request) {
    FlowExecution execution = client.launch(request);

    Flow flow =
        FLOWS.stream().filter(f -> f.id().equals(request.flowId())).findFirst().orElseThrow();
    String version = request.flowVersion().orElse(flow.latestVersion().orElseThrow());
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
    assertThat(execution.flowId()).isEqualTo(request.flowId());
    assertThat(execution.flowVersion()).contains(version);
    assertThat(execution.name()).isEqualTo(request.name());
    assertThat(execution.channelType()).contains(request.channelType());
    assertThat(execution.status()).isEqualTo(ExecutionStatus.QUEUED);
    assertThat(execution.selfUri())
        .contains("/api/v2/flows/executions/" + request.flowExecutionId());

    // The emulator stored the body as sent: the codec's bytes, and the same JSON field for field.
    Execution stored = emulator.execution(request.flowExecutionId()).orElseThrow();
    String body = stored.launchBody();
    assertThat(body)
        .isEqualTo(new String(FlowJsonCodec.writeLaunchRequest(request), StandardCharsets.UTF_8));
    assertSameRequest(Json.parseObject(body), request);
    assertThat(stored.name()).isEqualTo(request.name());
    assertThat(stored.channelType()).isEqualTo(request.channelType().value());
    assertThat(stored.flowVersion()).isEqualTo(version);

    // What a GET would answer reads back to the execution the launch returned.
    assertThat(FlowJsonCodec.readExecution(stored.json().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(execution);
    assertThat(client.get(request.flowExecutionId())).isEqualTo(execution);
  }

  private static void assertSameRequest(Map<String, Object> json, LaunchRequest request) {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("flow_id", request.flowId());
    request.flowVersion().ifPresent(v -> expected.put("flow_version", v));
    expected.put("flow_execution_id", request.flowExecutionId());
    request.name().ifPresent(v -> expected.put("name", v));
    List<Object> participants = new ArrayList<>();
    for (Participant p : request.participants()) {
      Map<String, Object> participant = new LinkedHashMap<>();
      participant.put("user_id", p.userId());
      participant.put("role", p.role().value());
      participant.put(
          "channels", p.channels().stream().map(Channel::value).collect(Collectors.toList()));
      participants.add(participant);
    }
    expected.put("participants", participants);
    expected.put("channel_type", request.channelType().value());
    request.startNode().ifPresent(v -> expected.put("start_node", v));
    if (!request.inputData().isEmpty()) {
      expected.put("input_data", request.inputData());
    }
    Json.assertSameJson("$", json, expected);
  }

  @Provide
  Arbitrary<LaunchRequest> validRequests() {
    Arbitrary<Flow> flows = Arbitraries.of(FLOWS);
    return flows.flatMap(
        flow -> {
          Arbitrary<Optional<String>> version =
              Arbitraries.of(new ArrayList<>(flow.versions().keySet())).optional(0.5);
          return version.flatMap(
              v -> {
                List<String> nodes =
                    flow.versions().get(v.orElse(flow.latestVersion().orElseThrow()));
                Arbitrary<Optional<String>> startNode = Arbitraries.of(nodes).optional(0.5);
                return Combinators.combine(
                        Arbitraries.just(flow.id()),
                        Arbitraries.just(v),
                        startNode,
                        Generators.idOf(Generators.EXECUTION_ID_CHARS, 128),
                        Generators.unicode(0, 200).optional(0.5),
                        participants(),
                        Generators.inputData())
                    .flatAs(
                        (flowId, flowVersion, node, id, name, people, input) -> {
                          List<Channel> offered =
                              people.stream()
                                  .flatMap(p -> p.channels().stream())
                                  .distinct()
                                  .collect(Collectors.toList());
                          return Arbitraries.of(offered)
                              .map(
                                  channelType ->
                                      LaunchRequest.builder()
                                          .flowId(flowId)
                                          .participants(people.get(0))
                                          .channelType(channelType)
                                          .addParticipants(people.subList(1, people.size()))
                                          .flowVersion(flowVersion.orElse(null))
                                          .startNode(node.orElse(null))
                                          .flowExecutionId(id)
                                          .name(name.orElse(null))
                                          .putAllInputData(input)
                                          .build());
                        });
              });
        });
  }

  private static Arbitrary<List<Participant>> participants() {
    Arbitrary<Participant> participant =
        Combinators.combine(
                Generators.nonBlankUnicode(1, 128),
                Arbitraries.of(Role.knownValues()),
                Generators.orderedSubset(Channel.knownValues(), 1, 6))
            .as(
                (userId, role, channels) ->
                    Participant.builder()
                        .userId(userId)
                        .role(role)
                        .channels(channels.get(0))
                        .addChannels(channels.subList(1, channels.size()))
                        .build());
    return Arbitraries.frequencyOf(
        Tuple.of(
            6, participant.list().ofMinSize(1).ofMaxSize(4).uniqueElements(Participant::userId)),
        Tuple.of(
            1, participant.list().ofMinSize(45).ofMaxSize(50).uniqueElements(Participant::userId)));
  }

  // ---------------------------------------------------------------- any request

  /**
   * Requests made of anything (ids of any characters and lengths, blank and duplicate user ids,
   * unknown roles and channels, repeated channels, 1 to 52 participants, non-JSON values and
   * non-finite numbers in {@code input_data}): {@code build()} either refuses with a {@link
   * RequestValidationException} whose field errors name each broken rule, or the request is one the
   * emulator does not call invalid. The one rule only the service can check is whether {@code
   * start_node} names a node of the flow.
   */
  @Property(tries = 400)
  void build_refuses_only_with_request_validation_exception_and_agrees_with_the_emulator(
      @ForAll("anyRequest") RawRequest raw) {
    LaunchRequest request;
    try {
      request = raw.build();
    } catch (RequestValidationException refused) {
      assertThat(refused.fieldErrors())
          .isNotEmpty()
          .allSatisfy(
              e -> {
                assertThat(e.field()).isNotBlank();
                assertThat(e.issue())
                    .isIn(
                        "required",
                        "blank",
                        "too_long",
                        "too_many",
                        "too_large",
                        "invalid_format",
                        "invalid_value",
                        "duplicate",
                        "not_allowed");
                assertThat(e.message()).isNotBlank();
              });
      assertThat(refused.getMessage()).isNotBlank();
      return;
    } catch (Throwable other) {
      fail("build() threw " + other + " instead of a RequestValidationException", other);
      return;
    }
    try {
      client.launch(request);
    } catch (InvalidRequestException invalid) {
      assertThat(invalid.fieldErrors())
          .as("the emulator's objections to a request build() accepted")
          .extracting(FieldError::issue)
          .containsOnly("unknown_node");
    } catch (FlowNotFoundException | dev.flowexec.sdk.errors.FlowNotPublishedException expected) {
      assertThat(expected.statusCode()).isIn(404, 409);
    } catch (FlowApiException other) {
      fail("a request build() accepted failed with " + other, other);
    }
  }

  /** The pieces of a request, built in the property so that build()'s failures are seen. */
  static final class RawRequest {
    final String flowId;
    final String executionId;
    final String flowVersion;
    final String startNode;
    final String name;
    final List<RawParticipant> participants;
    final String channelType;
    final Map<String, Object> inputData;

    RawRequest(
        String flowId,
        String executionId,
        String flowVersion,
        String startNode,
        String name,
        List<RawParticipant> participants,
        String channelType,
        Map<String, Object> inputData) {
      this.flowId = flowId;
      this.executionId = executionId;
      this.flowVersion = flowVersion;
      this.startNode = startNode;
      this.name = name;
      this.participants = participants;
      this.channelType = channelType;
      this.inputData = inputData;
    }

    LaunchRequest build() {
      List<Participant> built =
          participants.stream().map(RawParticipant::build).collect(Collectors.toList());
      return LaunchRequest.builder()
          .flowId(flowId)
          .participants(built.get(0))
          .channelType(Channel.of(channelType))
          .addParticipants(built.subList(1, built.size()))
          .flowVersion(flowVersion)
          .startNode(startNode)
          .flowExecutionId(executionId)
          .name(name)
          .putAllInputData(inputData)
          .build();
    }

    @Override
    public String toString() {
      return "RawRequest{flowId="
          + flowId
          + ", id="
          + executionId
          + ", version="
          + flowVersion
          + ", startNode="
          + startNode
          + ", name="
          + name
          + ", participants="
          + participants
          + ", channelType="
          + channelType
          + ", inputData="
          + inputData
          + "}";
    }
  }

  static final class RawParticipant {
    final String userId;
    final String role;
    final List<String> channels;

    RawParticipant(String userId, String role, List<String> channels) {
      this.userId = userId;
      this.role = role;
      this.channels = channels;
    }

    Participant build() {
      return Participant.builder()
          .userId(userId)
          .role(Role.of(role))
          .channels(Channel.of(channels.get(0)))
          .addChannels(
              channels.subList(1, channels.size()).stream()
                  .map(Channel::of)
                  .collect(Collectors.toList()))
          .build();
    }

    @Override
    public String toString() {
      return userId + "/" + role + "/" + channels;
    }
  }

  @Provide
  Arbitrary<RawRequest> anyRequest() {
    Arbitrary<String> anyString = Generators.unicode(0, 140);
    Arbitrary<String> flowIds =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of(FLOWS).map(Flow::id)),
            Tuple.of(2, Generators.idOf(Generators.FLOW_ID_CHARS, 130)),
            Tuple.of(1, anyString));
    Arbitrary<String> executionIds =
        Arbitraries.frequencyOf(
            Tuple.of(4, Generators.idOf(Generators.EXECUTION_ID_CHARS, 130)),
            Tuple.of(1, anyString));
    Arbitrary<String> channels =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of(Channel.knownValues()).map(Channel::value)),
            Tuple.of(1, Arbitraries.of("Voice", "SMS", " web", "fax", "", " ")));
    Arbitrary<String> roles =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of(Role.knownValues()).map(Role::value)),
            Tuple.of(1, Arbitraries.of("user", "ADMIN", "", "USER ")));
    Arbitrary<String> userIds =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("u1", "u2", "u3", "u4", "u5")),
            Tuple.of(3, Generators.unicode(0, 130)),
            Tuple.of(1, Arbitraries.of(" ", "\t\n", "\u2003")));
    Arbitrary<RawParticipant> participant =
        Combinators.combine(userIds, roles, channels.list().ofMinSize(1).ofMaxSize(8))
            .as(RawParticipant::new);
    Arbitrary<List<RawParticipant>> participants =
        Arbitraries.frequencyOf(
            Tuple.of(8, participant.list().ofMinSize(1).ofMaxSize(4)),
            Tuple.of(1, participant.list().ofMinSize(49).ofMaxSize(52)));
    Arbitrary<Object> oddValue =
        Arbitraries.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            new Object(),
            java.time.Instant.EPOCH,
            Map.of(1, "int key"),
            List.of(Map.of("k", Double.NaN)));
    Arbitrary<Map<String, Object>> inputData =
        Arbitraries.frequencyOf(
            Tuple.of(6, Generators.inputData()),
            Tuple.of(
                1,
                Generators.jsonObjects(Arbitraries.oneOf(Generators.jsonValues(1), oddValue), 4)));
    Arbitrary<String> optional =
        Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("Start")),
                Tuple.of(3, anyString),
                Tuple.of(1, Arbitraries.of("", " ", "\n")))
            .injectNull(0.4);
    return Combinators.combine(
            flowIds,
            executionIds,
            optional,
            optional,
            Generators.unicode(0, 205).injectNull(0.5),
            participants,
            channels,
            inputData)
        .as(RawRequest::new);
  }

  // ---------------------------------------------------------------- input_data at its limit

  /**
   * {@code input_data} padded to within a few bytes of 262,144 (as the SDK's codec writes it): at
   * or under the limit, {@code build()} accepts it and so does the emulator; over it, {@code
   * build()} refuses it with {@code too_large}.
   */
  @Property(tries = 60)
  void input_data_at_the_size_limit_is_judged_alike_by_the_sdk_and_the_emulator(
      @ForAll("smallInputData") Map<String, Object> base,
      @ForAll @IntRange(min = -3, max = 3) int over) {
    int limit = 262_144;
    Map<String, Object> input = new LinkedHashMap<>(base);
    input.put("pad", "");
    int size = inputDataSize(input);
    input.put("pad", "p".repeat(limit + over - size)); // each ASCII letter adds one byte
    if (over <= 0) {
      assertThat(inputDataSize(input)).isEqualTo(limit + over);
    }

    LaunchRequest request;
    try {
      request =
          LaunchRequest.builder()
              .flowId("abc-123")
              .participants(Participant.of("user-456", Role.USER, Channel.WEB))
              .channelType(Channel.WEB)
              .putAllInputData(input)
              .build();
    } catch (RequestValidationException refused) {
      assertThat(over).as("refused at %d bytes", limit + over).isPositive();
      assertThat(refused.fieldErrors())
          .extracting(FieldError::field, FieldError::issue)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("input_data", "too_large"));
      return;
    }
    assertThat(over).as("accepted at %d bytes", limit + over).isLessThanOrEqualTo(0);
    FlowExecution execution = client.launch(request);
    assertThat(execution.flowExecutionId()).isEqualTo(request.flowExecutionId());
  }

  /** Any numbers, including doubles in exponent form such as {@code 8.6E15}. */
  @Provide
  Arbitrary<Map<String, Object>> smallInputData() {
    return Generators.inputData(Generators.numbers());
  }

  /** The bytes of {@code input_data} as the SDK's codec writes it. */
  private static int inputDataSize(Map<String, Object> input) {
    LaunchRequest without =
        LaunchRequest.builder()
            .flowId("f")
            .participants(Participant.of("u", Role.USER, Channel.WEB))
            .channelType(Channel.WEB)
            .flowExecutionId("x")
            .build();
    byte[] bare = FlowJsonCodec.writeLaunchRequest(without);
    byte[] with = FlowJsonCodec.writeLaunchRequest(without.withInputData(input));
    return with.length - bare.length - ",\"input_data\":".length();
  }
}
