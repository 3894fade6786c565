package dev.flowexec.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.testing.internal.ErrorCode;
import dev.flowexec.sdk.testing.internal.Issue;
import dev.flowexec.sdk.testing.internal.JsonWriter;
import dev.flowexec.sdk.testing.internal.LaunchRules;
import dev.flowexec.sdk.testing.internal.Scopes;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** Keeps docs/openapi.yaml in step with the emulator. */
@SuppressWarnings("unchecked")
class OpenApiDocumentTest {
  private static final String LAUNCH = "/api/v2/flows/executions";
  private static final String GET = "/api/v2/flows/executions/{flow_execution_id}";
  private static Map<String, Object> doc;

  @BeforeAll
  static void load() throws IOException {
    Path path = Path.of(System.getProperty("basedir", ".")).resolve("../docs/openapi.yaml");
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      doc = new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) resolve(o);
  }

  @SuppressWarnings("unchecked")
  private static Object resolve(Object o) {
    if (o instanceof Map && ((Map<String, Object>) o).containsKey("$ref")) {
      String ref = (String) ((Map<String, Object>) o).get("$ref");
      Object node = doc;
      for (String part : ref.substring(2).split("/", -1)) {
        node = ((Map<String, Object>) node).get(part);
      }
      return resolve(node);
    }
    return o;
  }

  private static Map<String, Object> at(Object root, String... keys) {
    Object node = root;
    for (String key : keys) {
      assertThat(map(node)).as("path %s", Arrays.toString(keys)).containsKey(key);
      node = map(node).get(key);
    }
    return map(node);
  }

  private static Map<String, Object> operation(Endpoint endpoint) {
    switch (endpoint) {
      case LAUNCH:
        return at(doc, "paths", LAUNCH, "post");
      case GET_EXECUTION:
        return at(doc, "paths", GET, "get");
      default:
        return at(doc, "paths", "/oauth/token", "post");
    }
  }

  /** Every example body (inline or referenced, any media type) of one response. */
  private static List<Map<String, Object>> exampleBodies(Map<String, Object> response) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> content = map(response.getOrDefault("content", Map.of()));
    for (Object media : content.values()) {
      Map<String, Object> m = map(media);
      if (m.get("example") instanceof Map) {
        out.add(map(m.get("example")));
      }
      for (Object ex : map(m.getOrDefault("examples", Map.of())).values()) {
        Object value = map(ex).get("value");
        if (value instanceof Map) {
          out.add(map(value));
        }
      }
    }
    return out;
  }

  private static List<Integer> statusesOf(ErrorCode code) {
    return code == ErrorCode.UNAVAILABLE ? List.of(502, 503, 504) : List.of(code.status());
  }

  @Test
  void everyErrorCodeIsDocumentedUnderEachPathAndStatusThatAnswersIt() {
    for (ErrorCode code : ErrorCode.values()) {
      for (Endpoint endpoint : code.endpoints()) {
        Map<String, Object> responses = at(operation(endpoint), "responses");
        for (int status : statusesOf(code)) {
          assertThat(responses).as("%s %s", endpoint, code).containsKey(String.valueOf(status));
          List<Object> codes =
              exampleBodies(map(responses.get(String.valueOf(status)))).stream()
                  .map(b -> b.get("error_code"))
                  .collect(Collectors.toList());
          assertThat(codes).as("examples of %s %d", endpoint, status).contains(code.wireName());
        }
      }
    }
  }

  @Test
  void theSuccessStatusesAndTheirHeadersAreDocumented() {
    Map<String, Object> launch = at(operation(Endpoint.LAUNCH), "responses");
    assertThat(at(launch, "201", "headers")).containsKeys("Location", "X-Request-Id");
    assertThat(at(launch, "200", "headers")).containsKeys("Idempotent-Replayed");
    assertThat(at(launch, "429", "headers")).containsKeys("Retry-After", "X-Request-Id");
    assertThat(at(launch, "401", "headers")).containsKeys("WWW-Authenticate");
    assertThat(at(launch, "403", "headers")).containsKeys("WWW-Authenticate");
    assertThat(at(operation(Endpoint.GET_EXECUTION), "responses")).containsKey("200");
    assertThat(at(operation(Endpoint.TOKEN), "responses")).containsKeys("200", "400", "401");
    assertThat(
            ((List<Object>) operation(Endpoint.LAUNCH).get("parameters"))
                .stream().map(p -> map(p).get("name")))
        .contains("Idempotency-Key");
    assertThat(at(doc, "components", "parameters", "IdempotencyKey")).containsEntry("in", "header");
  }

  @Test
  void errorCodeAndIssueEnumsMatchTheEmulator() {
    assertThat(knownValues("ErrorCode"))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ErrorCode.values())
                .map(ErrorCode::wireName)
                .collect(Collectors.toList()));
    assertThat(knownValues("Issue"))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Issue.values()).map(Issue::wireName).collect(Collectors.toList()));
    assertThat(
            (List<Object>)
                at(doc, "components", "schemas", "TokenError", "properties", "error").get("enum"))
        .contains("invalid_client", "invalid_scope", "unsupported_grant_type", "invalid_request");
  }

  /** The listed values of an open enum: {@code anyOf: [{enum: [...]}, {type: string}]}. */
  private static List<Object> knownValues(String schema) {
    List<Object> anyOf = (List<Object>) at(doc, "components", "schemas", schema).get("anyOf");
    assertThat(anyOf).as("%s is open: a listed enum or any other string", schema).hasSize(2);
    assertThat(map(anyOf.get(1))).isEqualTo(Map.of("type", "string"));
    return (List<Object>) map(anyOf.get(0)).get("enum");
  }

  /** Each header the document marks required on a response is one the emulator sends there. */
  @Test
  void theRequiredHeadersAreWhatTheEmulatorSends() {
    try (FlowExecutionsEmulator emulator =
            FlowExecutionsEmulator.builder()
                .flow(Flow.withId("abc-123").publishedVersion("3", "Begin"))
                .start();
        FlowExecutionsEmulator limited =
            FlowExecutionsEmulator.builder()
                .flow(Flow.withId("abc-123").publishedVersion("3", "Begin"))
                .rateLimit(1, java.time.Duration.ofHours(1), RetryAfterFormat.DELAY_SECONDS)
                .start()) {
      RawHttp http = new RawHttp(emulator);
      String token = emulator.issueToken(Set.of("flow:execute"));
      Map<String, Object> body = RawHttp.validLaunch("headers-1");
      Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
      answers.put("201", http.launch(token, body));
      answers.put("200", http.launch(token, body));
      answers.put(
          "401",
          http.post(
              RawHttp.EXECUTIONS, JsonWriter.write(body), "Content-Type", "application/json"));
      answers.put("403", http.launch(emulator.issueToken(Set.of("flow:read")), body));
      answers.put("400", http.launch(token, "{}"));
      RawHttp once = new RawHttp(limited);
      String limitedToken = limited.issueToken(Set.of("flow:execute"));
      once.launch(limitedToken, body);
      answers.put("429", once.launch(limitedToken, body));

      Map<String, Object> responses = at(operation(Endpoint.LAUNCH), "responses");
      for (Map.Entry<String, HttpResponse<String>> answer : answers.entrySet()) {
        HttpResponse<String> r = answer.getValue();
        assertThat(r.statusCode()).as("status").isEqualTo(Integer.parseInt(answer.getKey()));
        Map<String, Object> headers = map(map(responses.get(answer.getKey())).get("headers"));
        for (Map.Entry<String, Object> header : headers.entrySet()) {
          if (Boolean.TRUE.equals(map(header.getValue()).get("required"))) {
            assertThat(r.headers().firstValue(header.getKey()))
                .as("%s on a %s", header.getKey(), answer.getKey())
                .isPresent();
          }
        }
      }
    }
  }

  @Test
  void theLimitsMatchTheEmulator() {
    Map<String, Object> launch = at(doc, "components", "schemas", "LaunchRequest");
    Map<String, Object> props = at(launch, "properties");
    Map<String, Object> participant = at(doc, "components", "schemas", "Participant");
    Map<String, Object> executionId = at(doc, "components", "schemas", "FlowExecutionId");

    assertThat(props.keySet()).containsExactlyInAnyOrderElementsOf(LaunchRules.FIELDS);
    assertThat(at(participant, "properties").keySet())
        .containsExactlyInAnyOrderElementsOf(LaunchRules.PARTICIPANT_FIELDS);
    assertThat(launch)
        .containsEntry("additionalProperties", false)
        .containsEntry("x-max-body-bytes", LaunchRules.MAX_BODY_BYTES);
    assertThat(participant).containsEntry("additionalProperties", false);
    assertThat((List<Object>) launch.get("required"))
        .containsExactlyInAnyOrder("flow_id", "flow_execution_id", "participants", "channel_type");
    assertThat(at(props, "flow_id"))
        .containsEntry("maxLength", LaunchRules.MAX_ID_LENGTH)
        .containsEntry("minLength", 1)
        .containsEntry("pattern", "^" + LaunchRules.FLOW_ID.pattern() + "$");
    assertThat(executionId)
        .containsEntry("maxLength", LaunchRules.MAX_ID_LENGTH)
        .containsEntry("pattern", "^" + LaunchRules.FLOW_EXECUTION_ID.pattern() + "$");
    assertThat(at(props, "name")).containsEntry("maxLength", LaunchRules.MAX_NAME_LENGTH);
    assertThat(at(props, "participants"))
        .containsEntry("minItems", 1)
        .containsEntry("maxItems", LaunchRules.MAX_PARTICIPANTS);
    assertThat(at(participant, "properties", "user_id"))
        .containsEntry("maxLength", LaunchRules.MAX_ID_LENGTH);
    assertThat(at(participant, "properties", "channels"))
        .containsEntry("maxItems", LaunchRules.MAX_CHANNELS)
        .containsEntry("uniqueItems", true);
    assertThat(at(props, "input_data"))
        .containsEntry("x-max-serialized-bytes", LaunchRules.MAX_INPUT_DATA_BYTES);
    assertThat((List<Object>) at(doc, "components", "schemas", "Role").get("enum"))
        .isEqualTo(LaunchRules.ROLES);
    assertThat((List<Object>) at(doc, "components", "schemas", "Channel").get("enum"))
        .isEqualTo(LaunchRules.CHANNELS);
    assertThat(List.of(128, 50, 6, 200, 262_144))
        .containsExactly(
            LaunchRules.MAX_ID_LENGTH,
            LaunchRules.MAX_PARTICIPANTS,
            LaunchRules.MAX_CHANNELS,
            LaunchRules.MAX_NAME_LENGTH,
            LaunchRules.MAX_INPUT_DATA_BYTES);
  }

  @SuppressWarnings("unchecked")
  private static List<String> securityScopes(Endpoint endpoint) {
    List<String> scopes = new ArrayList<>();
    for (Object requirement : (List<Object>) operation(endpoint).get("security")) {
      scopes.addAll((List<String>) map(requirement).get("oauth2"));
    }
    return scopes;
  }

  @Test
  void theScopesMatchTheEmulator() {
    assertThat(securityScopes(Endpoint.LAUNCH)).containsExactlyElementsOf(Scopes.LAUNCH);
    assertThat(securityScopes(Endpoint.GET_EXECUTION))
        .containsExactlyElementsOf(Scopes.GET_EXECUTION);
    assertThat(
            at(
                doc,
                "components",
                "securitySchemes",
                "oauth2",
                "flows",
                "clientCredentials",
                "scopes"))
        .containsOnlyKeys(
            Scopes.EXECUTE, Scopes.EXECUTION_WRITE, Scopes.EXECUTION_READ, Scopes.READ);
  }

  /**
   * Sends each worked-example request of the document and expects its response example verbatim.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theWorkedExamplesAreWhatTheEmulatorAnswers(int n) {
    Map<String, Object> examples = at(doc, "components", "examples");
    Object request = at(examples, "WorkedExample" + n + "Request").get("value");
    Map<String, Object> expected =
        new LinkedHashMap<>(at(examples, "WorkedExample" + n + "Response", "value"));
    try (FlowExecutionsEmulator emulator =
        FlowExecutionsEmulator.builder()
            .flow(Flow.withId("abc-123").publishedVersion("3", "Begin", "Greet"))
            .start()) {
      HttpResponse<String> r =
          new RawHttp(emulator)
              .launch(emulator.issueToken(Set.of("flow:execute")), JsonWriter.write(request));

      assertThat(r.statusCode()).isEqualTo(400);
      Map<String, Object> actual = RawHttp.json(r);
      assertThat(actual.get("details")).isEqualTo(expected.get("details"));
      assertThat(actual.get("message")).isEqualTo(expected.get("message"));
      assertThat(actual.get("error_code")).isEqualTo(expected.get("error_code"));
    }
  }

  @Test
  void theWorkedExamplesAreThe400ExamplesOfLaunch() {
    Map<String, Object> examples =
        at(
            operation(Endpoint.LAUNCH),
            "responses",
            "400",
            "content",
            "application/json",
            "examples");
    assertThat(examples).containsKeys("workedExample1", "workedExample2", "workedExample3");
  }
}
