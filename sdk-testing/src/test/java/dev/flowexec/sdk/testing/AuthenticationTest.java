package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.testing.internal.JsonWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bearer checks (RFC 6750 §3) and the scope table, on both API operations. */
class AuthenticationTest {
  private static final String LAUNCH_SCOPES = "flow:execute flow:execution:write";
  private static final String GET_SCOPES = "flow:execution:read flow:execute flow:execution:write";

  private final TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
  private FlowExecutionsEmulator emulator;
  private RawHttp http;
  private int ids;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .clock(clock)
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start();
    http = new RawHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> launch(String token) {
    return http.launch(token, validLaunch("auth-" + ++ids));
  }

  private String existingExecution() {
    String id = "existing-" + ++ids;
    HttpResponse<String> r =
        http.launch(emulator.issueToken(Set.of("flow:execute")), validLaunch(id));
    assertThat(r.statusCode()).isEqualTo(201);
    return id;
  }

  @Test
  void noAuthorizationHeaderIsMissingTokenWithABareChallenge() {
    for (HttpResponse<String> r :
        List.of(
            http.post(RawHttp.EXECUTIONS, "{}", "Content-Type", "application/json"),
            http.get(RawHttp.EXECUTIONS + "/" + existingExecution()))) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate"))
          .containsExactly("Bearer realm=\"flows\"");
      assertThat(RawHttp.json(r)).containsEntry("error_code", "missing_token");
      assertThat(RawHttp.json(r))
          .containsKeys("message", "request_id")
          .doesNotContainKey("details");
      assertThat(r.headers().firstValue("X-Request-Id"))
          .contains((String) RawHttp.json(r).get("request_id"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "Token abc"})
  void aMalformedAuthorizationIsAnInvalidToken(String authorization) {
    HttpResponse<String> r = http.post(RawHttp.EXECUTIONS, "{}", "Authorization", authorization);

    assertInvalidToken(r, "the Authorization header does not carry a Bearer token");
  }

  @Test
  void anUnknownTokenIsInvalid() {
    assertInvalidToken(launch("never-issued"), "the access token is unknown or revoked");
  }

  @Test
  void aRevokedTokenIsInvalid() {
    String token = emulator.issueToken(Set.of("flow:execute"));
    assertThat(launch(token).statusCode()).isEqualTo(201);

    assertThat(emulator.revokeToken(token)).isTrue();

    assertInvalidToken(launch(token), "the access token is unknown or revoked");
  }

  @Test
  void anExpiredTokenIsInvalidOnBothOperations() {
    String id = existingExecution();
    String token = emulator.issueToken(Set.of("flow:execute"), Duration.ofSeconds(60));
    assertThat(launch(token).statusCode()).isEqualTo(201);

    clock.advance(Duration.ofSeconds(60));

    assertInvalidToken(launch(token), "the access token has expired");
    assertInvalidToken(http.getExecution(token, id), "the access token has expired");
  }

  @Test
  void expireTokenEndsAStaticToken() {
    String token = emulator.issueToken(Set.of("flow:execute"));

    assertThat(emulator.expireToken(token)).isTrue();

    assertInvalidToken(launch(token), "the access token has expired");
    assertThat(emulator.expireToken("unknown")).isFalse();
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    String token = emulator.issueToken(Set.of("flow:execute"));

    HttpResponse<String> r =
        http.post(
            RawHttp.EXECUTIONS,
            JsonWriter.write(validLaunch("case-1")),
            "Authorization",
            "bearer " + token);

    assertThat(r.statusCode()).isEqualTo(201);
  }

  static Stream<Arguments> launchScopes() {
    return Stream.of(
        Arguments.of(Set.of("flow:execute"), 201),
        Arguments.of(Set.of("flow:execution:write"), 201),
        Arguments.of(Set.of("flow:execution:read"), 403),
        Arguments.of(Set.of("flow:read"), 403),
        Arguments.of(Set.of(), 403),
        Arguments.of(Set.of("flow:read", "flow:execution:write"), 201));
  }

  @ParameterizedTest
  @MethodSource("launchScopes")
  void launchAcceptsExecuteOrItsAlias(Set<String> scopes, int status) {
    HttpResponse<String> r = launch(emulator.issueToken(scopes));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    if (status == 403) {
      assertInsufficientScope(r, LAUNCH_SCOPES);
    }
  }

  static Stream<Arguments> getScopes() {
    return Stream.of(
        Arguments.of(Set.of("flow:execution:read"), 200),
        Arguments.of(Set.of("flow:execute"), 200),
        Arguments.of(Set.of("flow:execution:write"), 200),
        Arguments.of(Set.of("flow:read"), 403),
        Arguments.of(Set.of("other"), 403));
  }

  @ParameterizedTest
  @MethodSource("getScopes")
  void getAcceptsReadExecuteOrWrite(Set<String> scopes, int status) {
    String id = existingExecution();

    HttpResponse<String> r = http.getExecution(emulator.issueToken(scopes), id);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    if (status == 403) {
      assertInsufficientScope(r, GET_SCOPES);
    }
  }

  @Test
  void authIsCheckedBeforeTheBody() {
    HttpResponse<String> r = http.launch(emulator.issueToken(Set.of("flow:read")), "not json");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(emulator.executionCount()).isZero();
  }

  private static void assertInvalidToken(HttpResponse<String> r, String description) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"flows\", error=\"invalid_token\", error_description=\""
                + description
                + "\"");
    assertThat(RawHttp.json(r)).containsEntry("error_code", "invalid_token");
  }

  private static void assertInsufficientScope(HttpResponse<String> r, String scopes) {
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"" + scopes + "\"");
    assertThat(RawHttp.json(r))
        .containsEntry("error_code", "insufficient_scope")
        .containsEntry("required_scopes", List.of(scopes.split(" ")));
  }
}
