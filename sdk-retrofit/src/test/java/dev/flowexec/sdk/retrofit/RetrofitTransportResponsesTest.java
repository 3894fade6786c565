package dev.flowexec.sdk.retrofit;

import static dev.flowexec.sdk.retrofit.Fixtures.EXECUTION_ID;
import static dev.flowexec.sdk.retrofit.Fixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.ExecutionNotFoundException;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotFoundException;
import dev.flowexec.sdk.errors.FlowNotPublishedException;
import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.RequestTooLargeException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.SdkVersion;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per response and error row of the contract, over HTTP against MockWebServer. */
class RetrofitTransportResponsesTest {
  private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private RetrofitTransport transport;

  @BeforeEach
  void start() throws IOException {
    server.start();
    transport =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .accessToken("static-test-token")
            .clock(clock)
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.shutdown();
  }

  private FlowApiException launchFails() {
    return catchThrowableOfType(
        FlowApiException.class,
        () -> transport.launch(Fixtures.launchRequest(), CallOptions.defaults()));
  }

  @Test
  void created201ReturnsTheExecution() throws Exception {
    server.enqueue(Fixtures.created());

    FlowExecution execution =
        transport.launch(Fixtures.launchRequest(), CallOptions.defaults()).execution();

    assertThat(execution.flowExecutionId()).isEqualTo(EXECUTION_ID);
    assertThat(execution.flowId()).isEqualTo("abc-123");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.QUEUED);
    assertThat(execution.channelType()).contains(Channel.WEB);
    assertThat(execution.createdAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(execution.selfUri()).contains("/api/v2/flows/executions/" + EXECUTION_ID);
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/v2/flows/executions");
  }

  @Test
  void replayed200IsASuccess() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Idempotent-Replayed", "true")
            .setHeader("Content-Type", "application/json")
            .setBody(Fixtures.executionJson(EXECUTION_ID, "RUNNING")));

    TransportResponse response = transport.launch(Fixtures.launchRequest(), CallOptions.defaults());

    assertThat(response.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.replayed()).isTrue();
  }

  @Test
  void theResponseCarriesItsStatusAndHeaders() {
    server.enqueue(
        Fixtures.created()
            .setHeader("X-Request-Id", "req_42")
            .addHeader("Via", "1.1 a")
            .addHeader("Via", "1.1 b"));

    TransportResponse response = transport.launch(Fixtures.launchRequest(), CallOptions.defaults());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.replayed()).isFalse();
    assertThat(response.requestId()).contains("req_42");
    assertThat(response.headers().all("via")).containsExactly("1.1 a", "1.1 b");
    assertThat(transport.baseUrl().map(Object::toString)).contains(server.url("/").toString());
  }

  @Test
  void launchSendsTheContractsHeadersAndBody() throws Exception {
    server.enqueue(Fixtures.created());

    transport.launch(
        Fixtures.launchRequest(),
        CallOptions.builder().putHeaders("X-Correlation-Id", "corr-1").build());

    RecordedRequest request = server.takeRequest();
    String body = request.getBody().readUtf8();
    Object bodyId = ((Map<?, ?>) TestJson.parse(body)).get("flow_execution_id");
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeader("Idempotency-Key"))
        .isEqualTo("\"" + bodyId + "\"")
        .isEqualTo("\"" + EXECUTION_ID + "\"");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer static-test-token");
    assertThat(request.getHeader("User-Agent"))
        .isEqualTo(SdkVersion.userAgent())
        .startsWith("flowexec-java/");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    assertThat(request.getHeader("X-Correlation-Id")).isEqualTo("corr-1");
    assertThat(request.getHeader("Content-Length"))
        .isEqualTo(String.valueOf(request.getBodySize()));
    assertThat(body)
        .isEqualTo(
            "{\"flow_id\":\"abc-123\",\"flow_execution_id\":\""
                + EXECUTION_ID
                + "\","
                + "\"participants\":[{\"user_id\":\"user-456\",\"role\":\"USER\",\"channels\":[\"voice\",\"web\"]}],"
                + "\"channel_type\":\"web\",\"input_data\":{\"order_id\":\"42\"}}");
  }

  @Test
  void callerMayReplaceUserAgent() throws Exception {
    server.enqueue(Fixtures.created());

    transport.launch(
        Fixtures.launchRequest(), CallOptions.builder().putHeaders("user-agent", "mine/1").build());

    assertThat(server.takeRequest().getHeaders().values("User-Agent")).containsExactly("mine/1");
  }

  @Test
  void get200ReturnsTheExecutionAndSendsNoBodyHeaders() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.executionJson("id_with-dash", "COMPLETED")));

    FlowExecution execution = transport.get("id_with-dash", CallOptions.defaults()).execution();

    assertThat(execution.status()).isEqualTo(ExecutionStatus.COMPLETED);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/api/v2/flows/executions/id_with-dash");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer static-test-token");
    assertThat(request.getHeader("Idempotency-Key")).isNull();
    assertThat(request.getHeader("User-Agent")).isEqualTo(SdkVersion.userAgent());
  }

  @Test
  void get404IsExecutionNotFound() {
    server.enqueue(error(404, "execution_not_found", "no execution abc", "req_get404"));

    ExecutionNotFoundException e =
        catchThrowableOfType(
            ExecutionNotFoundException.class, () -> transport.get("abc", CallOptions.defaults()));

    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.errorCode()).isEqualTo("execution_not_found");
    assertThat(e.requestId()).contains("req_get404");
    assertThat(e.getMessage())
        .contains("no execution abc")
        .contains("7 days")
        .contains("req_get404");
  }

  @Test
  void conflict409RequestInProgress() {
    server.enqueue(
        error(409, "request_in_progress", "a launch with this id is in flight", "req_409a"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(IdempotencyConflictException.class);
    assertThat(e.statusCode()).isEqualTo(409);
    assertThat(e.errorCode()).isEqualTo("request_in_progress");
    assertThat(e.requestId()).contains("req_409a");
    assertThat(e.getMessage()).contains("in flight").contains("retry shortly");
  }

  @Test
  void unprocessable422IdempotencyKeyReused() {
    server.enqueue(error(422, "idempotency_key_reused", "different body", "req_422"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(IdempotencyConflictException.class);
    assertThat(e.statusCode()).isEqualTo(422);
    assertThat(e.errorCode()).isEqualTo("idempotency_key_reused");
    assertThat(e.requestId()).contains("req_422");
    assertThat(e.getMessage()).contains("different body").contains("use a new id");
  }

  @Test
  void badRequest400WithDetails() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Request-Id", "req_400")
            .setBody(
                "{\"error_code\":\"invalid_request\","
                    + "\"message\":\"2 fields are invalid: participants[0].channels (required), channel_type (required)\","
                    + "\"request_id\":\"req_400\",\"details\":["
                    + "{\"field\":\"participants[0].channels\",\"issue\":\"required\",\"message\":\"a participant needs at least one channel\"},"
                    + "{\"field\":\"channel_type\",\"issue\":\"required\",\"message\":\"channel_type is required\"}]}"));

    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () -> transport.launch(Fixtures.launchRequest(), CallOptions.defaults()));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("invalid_request");
    assertThat(e.requestId()).contains("req_400");
    assertThat(e.fieldErrors())
        .containsExactly(
            FieldError.of(
                "participants[0].channels", "required", "a participant needs at least one channel"),
            FieldError.of("channel_type", "required", "channel_type is required"));
    assertThat(e.getMessage())
        .contains("2 fields are invalid")
        .contains("channel_type (required): channel_type is required");
  }

  @Test
  void notFound404FlowNotFound() {
    server.enqueue(error(404, "flow_not_found", "no flow abc-123", "req_404"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(FlowNotFoundException.class);
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.errorCode()).isEqualTo("flow_not_found");
    assertThat(e.requestId()).contains("req_404");
    assertThat(e.getMessage()).contains("no flow abc-123").contains("flow_id");
  }

  @Test
  void conflict409FlowNotPublished() {
    server.enqueue(
        error(409, "flow_not_published", "flow abc-123 has no published version", "req_409b"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(FlowNotPublishedException.class);
    assertThat(e.statusCode()).isEqualTo(409);
    assertThat(e.errorCode()).isEqualTo("flow_not_published");
    assertThat(e.requestId()).contains("req_409b");
    assertThat(e.getMessage()).contains("no published version").contains("Publish the flow");
  }

  @Test
  void tooLarge413() {
    server.enqueue(error(413, "request_too_large", "body over 1 MiB", "req_413"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(RequestTooLargeException.class);
    assertThat(e.statusCode()).isEqualTo(413);
    assertThat(e.errorCode()).isEqualTo("request_too_large");
    assertThat(e.requestId()).contains("req_413");
    assertThat(e.getMessage()).contains("body over 1 MiB").contains("1 MiB");
  }

  @Test
  void rateLimited429WithDelaySeconds() {
    server.enqueue(
        error(429, "rate_limited", "slow down", "req_429a").setHeader("Retry-After", "120"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(RateLimitedException.class);
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.errorCode()).isEqualTo("rate_limited");
    assertThat(e.requestId()).contains("req_429a");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.getMessage()).contains("slow down");
  }

  @Test
  void rateLimited429WithHttpDate() {
    // The transport's clock says 10:00:00; the date is 90 seconds later.
    server.enqueue(
        error(429, "rate_limited", "slow down", "req_429b")
            .setHeader("Retry-After", "Sat, 28 Nov 2026 10:01:30 GMT"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(RateLimitedException.class);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
    assertThat(e.requestId()).contains("req_429b");
  }

  @Test
  void rateLimited429WithOnlyTheBodysRetryAfterSeconds() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"error_code\":\"rate_limited\",\"message\":\"slow\",\"request_id\":\"r\",\"retry_after_seconds\":2.5}"));

    FlowApiException e = launchFails();

    assertThat(e.retryAfter()).contains(Duration.ofMillis(2500));
  }

  @ParameterizedTest
  @CsvSource({"500,server_error", "502,server_error", "503,unavailable", "504,server_error"})
  void serverErrorsWithJson(int status, String code) {
    server.enqueue(error(status, code, "trouble " + status, "req_" + status));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(ServerException.class);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.requestId()).contains("req_" + status);
    assertThat(e.getMessage()).contains("trouble " + status);
  }

  @ParameterizedTest
  @CsvSource({"500,server_error", "502,server_error", "503,unavailable", "504,server_error"})
  void serverErrorsWithHtml(int status, String code) {
    String html = "<html><body><h1>" + status + " Bad Gateway</h1></body></html>";
    server.enqueue(
        new MockResponse()
            .setResponseCode(status)
            .setHeader("Content-Type", "text/html; charset=utf-8")
            .setBody(html));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(ServerException.class);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.requestId()).isEmpty();
    assertThat(e.getMessage()).contains("text/html body of " + html.length() + " bytes");
  }

  @ParameterizedTest
  @CsvSource({"500,server_error", "502,server_error", "503,unavailable", "504,server_error"})
  void serverErrorsWithEmptyBody(int status, String code) {
    server.enqueue(
        new MockResponse().setResponseCode(status).setHeader("X-Request-Id", "req_empty"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(ServerException.class);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.requestId()).contains("req_empty");
    assertThat(e.getMessage()).contains("empty body");
  }

  @Test
  void unauthorized401MissingToken() {
    server.enqueue(
        error(401, "missing_token", "no Authorization header", "req_401a")
            .setHeader("WWW-Authenticate", "Bearer realm=\"flows\""));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo("missing_token");
    assertThat(e.requestId()).contains("req_401a");
    assertThat(e.getMessage()).contains("no Authorization header");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void unauthorized401InvalidTokenWithAFixedTokenIsFinal() {
    server.enqueue(
        error(401, "invalid_token", "token expired", "req_401b")
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"flows\", error=\"invalid_token\", error_description=\"token expired\""));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).isEqualTo("invalid_token");
    assertThat(e.requestId()).contains("req_401b");
    assertThat(e.getMessage())
        .contains("token expired")
        .contains("The access token given to accessToken(...) was refused")
        .doesNotContain("client credentials");
    assertThat(server.getRequestCount())
        .as("a fixed token cannot be renewed: no second request")
        .isEqualTo(1);
  }

  @Test
  void forbidden403InsufficientScope() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(403)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Request-Id", "req_403")
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"flow:execute flow:execution:write\"")
            .setBody(
                "{\"error_code\":\"insufficient_scope\",\"message\":\"needs flow:execute\",\"request_id\":\"req_403\","
                    + "\"required_scopes\":[\"flow:execute\",\"flow:execution:write\"]}"));

    InsufficientScopeException e =
        catchThrowableOfType(
            InsufficientScopeException.class,
            () -> transport.launch(Fixtures.launchRequest(), CallOptions.defaults()));

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.errorCode()).isEqualTo("insufficient_scope");
    assertThat(e.requestId()).contains("req_403");
    assertThat(e.requiredScopes())
        .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
    assertThat(e.getMessage()).contains("flow:execute");
  }

  @Test
  void unknownErrorCodeKeepsTheCode() {
    server.enqueue(error(418, "teapot_mode", "short and stout", "req_418"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(FlowApiException.class);
    assertThat(e.statusCode()).isEqualTo(418);
    assertThat(e.errorCode()).isEqualTo("teapot_mode");
  }

  @Test
  void successWithoutARequiredFieldIsAMalformedResponseNamingIt() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(201)
            .setHeader("X-Request-Id", "req_bad")
            .setBody(
                "{\"flow_execution_id\":\"x\",\"flow_id\":\"abc-123\",\"status\":\"QUEUED\"}"));

    FlowApiException e = launchFails();

    assertThat(e).isExactlyInstanceOf(FlowApiException.class);
    assertThat(e.statusCode()).isEqualTo(201);
    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.requestId()).contains("req_bad");
    assertThat(e.getMessage()).contains("\"created_at\"");
  }

  @Test
  void successWithAnHtmlBodyIsAMalformedResponse() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "text/html")
            .setBody("<html>maintenance</html>"));

    FlowApiException e = launchFails();

    assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("not JSON");
  }

  @Test
  void baseUrlPathIsKept() throws Exception {
    try (RetrofitTransport prefixed =
        RetrofitTransport.builder()
            .baseUrl(server.url("/gateway/flows").toString())
            .accessToken("t")
            .build()) {
      server.enqueue(Fixtures.created());

      prefixed.launch(Fixtures.launchRequest(), CallOptions.defaults());

      assertThat(server.takeRequest().getPath())
          .isEqualTo("/gateway/flows/api/v2/flows/executions");
    }
  }
}
