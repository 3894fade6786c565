package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /oauth/token}: the client-credentials grant and the RFC 6749 §5.2 errors. */
class TokenEndpointTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
  private FlowExecutionsEmulator emulator;
  private RawHttp http;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .clock(clock)
            .client("webhooks", "s3cret", "flow:execute", "flow:execution:read")
            .client("reader", "r", "flow:read")
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .tokenLifetime(Duration.ofSeconds(30))
            .start();
    http = new RawHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void grantsTheRequestedScopesAndTheTokenWorks() {
    HttpResponse<String> r =
        http.token(
            "webhooks",
            "s3cret",
            "grant_type=client_credentials&scope=flow:execute%20flow:execution:read");

    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> body = RawHttp.json(r);
    assertThat(body)
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", new java.math.BigDecimal(30))
        .containsEntry("scope", "flow:execute flow:execution:read")
        .doesNotContainKey("refresh_token");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    String token = (String) body.get("access_token");
    assertThat(token).matches("[A-Za-z0-9_-]{20,}");
    assertThat(http.launch(token, validLaunch("tok-1")).statusCode()).isEqualTo(201);
  }

  @Test
  void withoutScopeGrantsEverythingTheClientMayHave() {
    HttpResponse<String> r = http.token("webhooks", "s3cret", "grant_type=client_credentials");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(((String) RawHttp.json(r).get("scope")).split(" "))
        .containsExactlyInAnyOrder("flow:execute", "flow:execution:read");
  }

  @Test
  void tokensExpireAfterTheConfiguredLifetime() {
    String token =
        (String)
            RawHttp.json(
                    http.token(
                        "webhooks", "s3cret", "grant_type=client_credentials&scope=flow:execute"))
                .get("access_token");
    clock.advance(Duration.ofSeconds(29));
    assertThat(http.launch(token, validLaunch("tok-2")).statusCode()).isEqualTo(201);

    clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> r = http.launch(token, validLaunch("tok-3"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(RawHttp.json(r)).containsEntry("error_code", "invalid_token");
  }

  @Test
  void eachGrantIssuesAFreshOpaqueToken() {
    String form = "grant_type=client_credentials";
    Object first = RawHttp.json(http.token("webhooks", "s3cret", form)).get("access_token");
    Object second = RawHttp.json(http.token("webhooks", "s3cret", form)).get("access_token");

    assertThat(first).isNotEqualTo(second);
  }

  @ParameterizedTest(name = "{0}:{1} {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "webhooks|wrong   |grant_type=client_credentials                        |401|invalid_client",
        "nobody  |s3cret  |grant_type=client_credentials                        |401|invalid_client",
        "webhooks|s3cret  |grant_type=client_credentials&scope=flow:admin       |400|invalid_scope",
        "reader  |r       |grant_type=client_credentials&scope=flow:execute     |400|invalid_scope",
        "webhooks|s3cret  |grant_type=password&username=a&password=b            |400|unsupported_grant_type",
        "webhooks|s3cret  |scope=flow:execute                                   |400|invalid_request",
        "webhooks|s3cret  |grant_type=client_credentials&grant_type=client_credentials|400|invalid_request",
      })
  void errorsFollowRfc6749(String client, String secret, String form, int status, String error) {
    HttpResponse<String> r = http.token(client.trim(), secret.trim(), form.trim());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(RawHttp.json(r)).containsEntry("error", error).containsKey("error_description");
    if (status == 401) {
      assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"flows\"");
    }
  }

  @Test
  void withoutBasicAuthTheClientIsInvalid() {
    HttpResponse<String> r =
        http.post(
            "/oauth/token",
            "grant_type=client_credentials&client_id=webhooks&client_secret=s3cret",
            "Content-Type",
            "application/x-www-form-urlencoded");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(RawHttp.json(r)).containsEntry("error", "invalid_client");
  }

  @Test
  void aBodyThatIsNotAFormIsAnInvalidRequest() {
    HttpResponse<String> r =
        http.post(
            "/oauth/token",
            "{\"grant_type\":\"client_credentials\"}",
            "Authorization",
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        "webhooks:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "Content-Type",
            "application/json");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(r)).containsEntry("error", "invalid_request");
  }

  @Test
  void theTokenEndpointIsNotRateLimited() {
    try (FlowExecutionsEmulator limited =
        FlowExecutionsEmulator.builder()
            .clock(clock)
            .client("webhooks", "s3cret", "flow:execute")
            .rateLimit(1, Duration.ofMinutes(1), RetryAfterFormat.DELAY_SECONDS)
            .start()) {
      RawHttp limitedHttp = new RawHttp(limited);
      for (int i = 0; i < 3; i++) {
        assertThat(
                limitedHttp
                    .token("webhooks", "s3cret", "grant_type=client_credentials")
                    .statusCode())
            .isEqualTo(200);
      }
    }
  }
}
