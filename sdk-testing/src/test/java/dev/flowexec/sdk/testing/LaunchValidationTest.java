package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.participant;
import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.flowexec.sdk.testing.internal.JsonWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every field rule of the launch body, each with the detail it must produce. */
class LaunchValidationTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static FlowExecutionsEmulator emulator;
  private static RawHttp http;
  private static String token;

  @BeforeAll
  static void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start", "Greet"))
            .start();
    http = new RawHttp(emulator);
    token = emulator.issueToken(Set.of("flow:execute"));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static String id() {
    return "exec-" + IDS.incrementAndGet();
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  private static Map<String, Object> person(String userId) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("user_id", userId);
    p.put("role", "AGENT");
    p.put("channels", List.of("web"));
    return p;
  }

  private static Arguments rule(
      String name, Consumer<Map<String, Object>> change, String... details) {
    return arguments(name, change, Set.of(details));
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("flow_id missing", b -> b.remove("flow_id"), "flow_id required"),
        rule("flow_id null", b -> b.put("flow_id", null), "flow_id required"),
        rule("flow_id empty", b -> b.put("flow_id", ""), "flow_id blank"),
        rule("flow_id spaces", b -> b.put("flow_id", "   "), "flow_id blank"),
        rule("flow_id 129 chars", b -> b.put("flow_id", repeat('a', 129)), "flow_id too_long"),
        rule("flow_id with a space", b -> b.put("flow_id", "abc 123"), "flow_id invalid_format"),
        rule("flow_id with a slash", b -> b.put("flow_id", "abc/123"), "flow_id invalid_format"),
        rule("flow_id a number", b -> b.put("flow_id", 123), "flow_id invalid_format"),
        rule("flow_version empty", b -> b.put("flow_version", ""), "flow_version blank"),
        rule("flow_version a number", b -> b.put("flow_version", 3), "flow_version invalid_format"),
        rule("id missing", b -> b.remove("flow_execution_id"), "flow_execution_id required"),
        rule("id empty", b -> b.put("flow_execution_id", ""), "flow_execution_id blank"),
        rule(
            "id 129 chars",
            b -> b.put("flow_execution_id", repeat('x', 129)),
            "flow_execution_id too_long"),
        rule(
            "id with a dot",
            b -> b.put("flow_execution_id", "a.b"),
            "flow_execution_id invalid_format"),
        rule(
            "id with a colon",
            b -> b.put("flow_execution_id", "a:b"),
            "flow_execution_id invalid_format"),
        rule("name 201 chars", b -> b.put("name", repeat('n', 201)), "name too_long"),
        rule("name a number", b -> b.put("name", 7), "name invalid_format"),
        rule("participants missing", b -> b.remove("participants"), "participants required"),
        rule("participants null", b -> b.put("participants", null), "participants required"),
        rule("participants empty", b -> b.put("participants", List.of()), "participants required"),
        rule(
            "participants an object",
            b -> b.put("participants", Map.of()),
            "participants invalid_format"),
        rule(
            "51 participants",
            b -> {
              List<Object> many = new ArrayList<>();
              for (int i = 0; i < 51; i++) {
                many.add(person("u" + i));
              }
              b.put("participants", many);
            },
            "participants too_many"),
        rule(
            "participant not an object",
            b -> b.put("participants", List.of("user-456")),
            "participants[0] invalid_format"),
        rule(
            "participant with participant_id",
            b -> participant(b, 0).put("participant_id", "p1"),
            "participants[0].participant_id unknown_field"),
        rule(
            "user_id missing",
            b -> participant(b, 0).remove("user_id"),
            "participants[0].user_id required"),
        rule(
            "user_id blank",
            b -> participant(b, 0).put("user_id", " \t"),
            "participants[0].user_id blank"),
        rule(
            "user_id 129 chars",
            b -> participant(b, 0).put("user_id", repeat('u', 129)),
            "participants[0].user_id too_long"),
        rule(
            "user_id repeated",
            b -> {
              @SuppressWarnings("unchecked")
              List<Object> ps = (List<Object>) b.get("participants");
              ps.add(person("user-456"));
            },
            "participants[1].user_id duplicate"),
        rule(
            "role missing", b -> participant(b, 0).remove("role"), "participants[0].role required"),
        rule(
            "role lower case",
            b -> participant(b, 0).put("role", "user"),
            "participants[0].role invalid_value"),
        rule(
            "role unknown",
            b -> participant(b, 0).put("role", "ADMIN"),
            "participants[0].role invalid_value"),
        rule(
            "channels missing",
            b -> participant(b, 0).remove("channels"),
            "participants[0].channels required"),
        rule(
            "channels empty",
            b -> participant(b, 0).put("channels", List.of()),
            "participants[0].channels required"),
        rule(
            "channels a string",
            b -> participant(b, 0).put("channels", "web"),
            "participants[0].channels invalid_format"),
        rule(
            "channel unknown",
            b -> participant(b, 0).put("channels", List.of("web", "fax")),
            "participants[0].channels[1] invalid_value"),
        rule(
            "channel repeated",
            b -> participant(b, 0).put("channels", List.of("web", "voice", "web")),
            "participants[0].channels[2] duplicate"),
        rule(
            "7 channels",
            b ->
                participant(b, 0)
                    .put(
                        "channels",
                        List.of("voice", "web", "chat", "sms", "email", "messaging", "web")),
            "participants[0].channels too_many",
            "participants[0].channels[6] duplicate"),
        rule("channel_type missing", b -> b.remove("channel_type"), "channel_type required"),
        rule("channel_type blank", b -> b.put("channel_type", ""), "channel_type blank"),
        rule(
            "channel_type unknown",
            b -> b.put("channel_type", "fax"),
            "channel_type invalid_value"),
        rule(
            "channel_type upper case",
            b -> b.put("channel_type", "WEB"),
            "channel_type invalid_value"),
        rule(
            "channel_type no participant has",
            b -> b.put("channel_type", "sms"),
            "channel_type not_allowed"),
        rule("start_node blank", b -> b.put("start_node", " "), "start_node blank"),
        rule("start_node unknown", b -> b.put("start_node", "Nope"), "start_node unknown_node"),
        rule("start_node wrong case", b -> b.put("start_node", "start"), "start_node unknown_node"),
        rule("input_data a string", b -> b.put("input_data", "x"), "input_data invalid_format"),
        rule(
            "input_data an array",
            b -> b.put("input_data", List.of()),
            "input_data invalid_format"),
        rule(
            "input_data over 262144 bytes",
            b -> b.put("input_data", Map.of("k", repeat('x', 262_144 - 8 + 1))),
            "input_data too_large"),
        rule(
            "unknown field",
            b -> b.put("participant_id", "user-456"),
            "participant_id unknown_field"),
        rule(
            "everything wrong at once",
            b -> {
              b.put("flow_id", "");
              b.put("flow_execution_id", "a b");
              b.put("channel_type", "fax");
              b.put("name", repeat('n', 201));
              participant(b, 0).put("role", "ROOT");
              b.put("extra", true);
            },
            "flow_id blank",
            "flow_execution_id invalid_format",
            "channel_type invalid_value",
            "name too_long",
            "participants[0].role invalid_value",
            "extra unknown_field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleGivesItsDetail(
      String name, Consumer<Map<String, Object>> change, Set<String> details) {
    Map<String, Object> body = validLaunch(id());
    change.accept(body);

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(RawHttp.json(r)).containsEntry("error_code", "invalid_request");
    assertThat(RawHttp.details(r)).containsExactlyInAnyOrderElementsOf(details);
    assertThat(r.headers().firstValue("X-Request-Id"))
        .contains((String) RawHttp.json(r).get("request_id"));
  }

  static Stream<Arguments> limits() {
    return Stream.of(
        rule("flow_id of 128 allowed characters", b -> {}),
        rule("id of 128 characters", b -> b.put("flow_execution_id", repeat('Z', 128))),
        rule("name of 200 characters", b -> b.put("name", repeat('n', 200))),
        rule("empty name", b -> b.put("name", "")),
        rule("name of 200 non-BMP characters", b -> b.put("name", "\uD83D\uDE00".repeat(200))),
        rule(
            "50 participants",
            b -> {
              List<Object> many = new ArrayList<>();
              for (int i = 0; i < 50; i++) {
                many.add(person("u" + i));
              }
              b.put("participants", many);
            }),
        rule(
            "6 channels",
            b ->
                participant(b, 0)
                    .put("channels", List.of("voice", "web", "chat", "sms", "email", "messaging"))),
        rule(
            "input_data of exactly 262144 bytes",
            b -> b.put("input_data", Map.of("k", repeat('x', 262_144 - 8)))),
        rule("start_node of the flow", b -> b.put("start_node", "Greet")),
        rule("explicit flow_version", b -> b.put("flow_version", "1")),
        rule(
            "null optional fields",
            b -> {
              b.put("name", null);
              b.put("start_node", null);
              b.put("input_data", null);
              b.put("flow_version", null);
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void valuesAtTheLimitsAreAccepted(
      String name, Consumer<Map<String, Object>> change, Set<String> unused) {
    Map<String, Object> body = validLaunch(id());
    change.accept(body);

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "[]",
        "[{\"flow_id\":\"abc-123\"}]",
        "\"a string\"",
        "42",
        "null",
        "{\"flow_id\": \"abc-123\",}",
        "{\"flow_id\": \"abc-123\"} {}",
        "{flow_id: \"abc-123\"}",
        "{\"flow_id\": 'abc-123'}",
        "{\"a\": 1, \"a\": 2}",
        "{\"n\": 01}",
        "{\"s\": \"tab\there\"}"
      })
  void aBodyThatIsNotAJsonObjectIsMalformed(String body) {
    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(RawHttp.json(r)).containsEntry("error_code", "invalid_request");
    assertThat(RawHttp.details(r)).containsExactly(" malformed_json");
  }

  @Test
  void aBodyThatIsNotUtf8IsMalformed() {
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + RawHttp.EXECUTIONS))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();

    HttpResponse<String> r = RawHttp.send(request);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(r)).containsExactly(" malformed_json");
  }

  @Test
  void inputDataIsMeasuredWithItsNumbersAsTheClientWroteThem() {
    // BigDecimal would re-spell 8.6E15 as 8.6E+15 and 1.0E-5 as 0.000010, adding bytes the client
    // never sent; a request the SDK measured at exactly the limit must pass.
    String numbers = "\"n\":8.6E15,\"m\":1.0E-5,\"pad\":\"";
    String inputData = "{" + numbers + repeat('p', 262_144 - numbers.length() - 3) + "\"}";
    assertThat(inputData).hasSize(262_144);
    Map<String, Object> launch = validLaunch(id());
    launch.remove("input_data");
    String body = JsonWriter.write(launch);
    body = body.substring(0, body.length() - 1) + ",\"input_data\":" + inputData + "}";

    HttpResponse<String> r = http.launch(token, body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @Test
  void aBodyOver1MibIsTooLargeAndOneOfExactly1MibIsRead() {
    Map<String, Object> body = validLaunch(id());
    body.put("input_data", Map.of("p", ""));
    int base = JsonWriter.write(body).length();
    body.put("input_data", Map.of("p", repeat('p', 1_048_576 - base)));
    String exactly1Mib = JsonWriter.write(body);
    assertThat(exactly1Mib).hasSize(1_048_576);

    HttpResponse<String> atLimit = http.launch(token, exactly1Mib);
    HttpResponse<String> overLimit = http.launch(token, exactly1Mib + " ");

    assertThat(atLimit.statusCode()).isEqualTo(400);
    assertThat(RawHttp.details(atLimit)).containsExactly("input_data too_large");
    assertThat(overLimit.statusCode()).isEqualTo(413);
    assertThat(RawHttp.json(overLimit)).containsEntry("error_code", "request_too_large");
    assertThat(emulator.requests().get(emulator.requests().size() - 1).bodySize())
        .isEqualTo(1_048_577);
  }

  @Test
  void detailsCarryAFieldAnIssueAndAMessage() {
    Map<String, Object> body = validLaunch(id());
    participant(body, 0).remove("channels");
    body.remove("channel_type");

    HttpResponse<String> r = http.launch(token, body);

    assertThat(RawHttp.json(r).get("details"))
        .isEqualTo(
            List.of(
                Map.of(
                    "field", "participants[0].channels",
                    "issue", "required",
                    "message", "a participant needs at least one channel"),
                Map.of(
                    "field", "channel_type",
                    "issue", "required",
                    "message", "channel_type is required")));
    assertThat(RawHttp.json(r).get("message"))
        .isEqualTo(
            "2 fields are invalid: participants[0].channels (required), channel_type (required)");
  }

  @Test
  void anInvalidLaunchCreatesNothing() {
    int before = emulator.executionCount();
    Map<String, Object> body = validLaunch(id());
    body.remove("channel_type");

    http.launch(token, body);

    assertThat(emulator.executionCount()).isEqualTo(before);
  }
}
