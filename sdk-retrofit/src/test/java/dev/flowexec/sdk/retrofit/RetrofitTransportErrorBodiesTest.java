package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.transport.CallOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Error bodies as they really come: the contract's worked examples, WWW-Authenticate variants, and
 * bodies that are HTML, empty, cut short or huge.
 */
class RetrofitTransportErrorBodiesTest {
  private final MockWebServer server = new MockWebServer();
  private RetrofitTransport transport;

  @BeforeEach
  void start() throws IOException {
    server.start();
    transport =
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .accessToken("static-test-token")
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.shutdown();
  }

  private <T extends FlowApiException> T launchFails(Class<T> type) {
    T failure =
        catchThrowableOfType(
            type, () -> transport.launch(Fixtures.launchRequest(), CallOptions.defaults()));
    assertThat(failure).as("expected a %s", type.getSimpleName()).isNotNull();
    return failure;
  }

  private void enqueue400(String details) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Request-Id", "req_we")
            .setBody(
                "{\"error_code\":\"invalid_request\",\"message\":\"fields are invalid\",\"request_id\":\"req_we\","
                    + "\"details\":["
                    + details
                    + "]}"));
  }

  private static String detail(String field, String issue) {
    return "{\"field\":\""
        + field
        + "\",\"issue\":\""
        + issue
        + "\",\"message\":\""
        + field
        + " "
        + issue
        + "\"}";
  }

  @Test
  void aRetryAfterBeyondTheIntRangeIsAServerExceptionWithTheDelayNotANumberFormatException() {
    // OkHttp parses this header itself, with Integer.valueOf, when deciding whether to follow up;
    // the transport hides it from that decision.
    server.enqueue(
        new MockResponse()
            .setResponseCode(503)
            .setHeader("Retry-After", "99999999999")
            .setHeader("X-Request-Id", "req_big_retry"));

    ServerException e = launchFails(ServerException.class);

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.requestId()).contains("req_big_retry");
    assertThat(e.retryAfter())
        .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRetryAfterOfZeroIsNotResentByOkHttp() {
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "0"));
    server.enqueue(Fixtures.created());

    ServerException e = launchFails(ServerException.class);

    assertThat(e.retryAfter()).contains(Duration.ZERO);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDroppedConnectionIsNotResentByOkHttpBehindTheClientsBack() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(Fixtures.created());

    launchFails(dev.flowexec.sdk.errors.TransportException.class);

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void workedExample1ParticipantIdInsteadOfParticipants() {
    enqueue400(
        String.join(
            ",",
            detail("participant_id", "unknown_field"),
            detail("participants", "required"),
            detail("flow_execution_id", "required"),
            detail("channel_type", "required")));

    InvalidRequestException e = launchFails(InvalidRequestException.class);

    assertThat(e.fieldErrors())
        .containsExactly(
            FieldError.of("participant_id", "unknown_field", "participant_id unknown_field"),
            FieldError.of("participants", "required", "participants required"),
            FieldError.of("flow_execution_id", "required", "flow_execution_id required"),
            FieldError.of("channel_type", "required", "channel_type required"));
    assertThat(e.requestId()).contains("req_we");
  }

  @Test
  void workedExample2MissingChannelTypeAndUnknownNode() {
    enqueue400(
        String.join(",", detail("channel_type", "required"), detail("start_node", "unknown_node")));

    InvalidRequestException e = launchFails(InvalidRequestException.class);

    assertThat(e.fieldErrors())
        .containsExactly(
            FieldError.of("channel_type", "required", "channel_type required"),
            FieldError.of("start_node", "unknown_node", "start_node unknown_node"));
  }

  @Test
  void workedExample3OnlyFlowIdAndChannelType() {
    enqueue400(
        String.join(
            ",", detail("participants", "required"), detail("flow_execution_id", "required")));

    InvalidRequestException e = launchFails(InvalidRequestException.class);

    assertThat(e.fieldErrors())
        .containsExactly(
            FieldError.of("participants", "required", "participants required"),
            FieldError.of("flow_execution_id", "required", "flow_execution_id required"));
    assertThat(e.getMessage())
        .contains("participants (required)")
        .contains("flow_execution_id (required)");
  }

  @Test
  void bearerSchemeIsMatchedWithoutRegardToCaseAndParamsInAnyOrder() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(403)
            .setHeader(
                "WWW-Authenticate",
                "bEaReR scope=\"flow:execute flow:execution:write\", error=\"insufficient_scope\", realm=\"flows\""));

    InsufficientScopeException e = launchFails(InsufficientScopeException.class);

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.requiredScopes())
        .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
  }

  @Test
  void bearerIsFoundAmongSeveralChallenges() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(403)
            .addHeader("WWW-Authenticate", "Basic realm=\"legacy\", charset=\"UTF-8\"")
            .addHeader(
                "WWW-Authenticate",
                "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"flow:execution:write\""));

    InsufficientScopeException e = launchFails(InsufficientScopeException.class);

    assertThat(e.requiredScopes()).containsExactly("flow:execution:write");
  }

  @Test
  void quotedEscapesInTheChallengeAreUnescaped() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"fl\\\"ows\", error=\"invalid_token\", error_description=\"the token \\\"abc\\\" expired\""));

    AuthenticationException e = launchFails(AuthenticationException.class);

    assertThat(e.errorCode()).isEqualTo("invalid_token");
    assertThat(e.getMessage()).contains("the token \"abc\" expired");
  }

  @Test
  void unauthorizedWithoutErrorAttributeAndBodyIsMissingToken() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("WWW-Authenticate", "Bearer realm=\"flows\""));

    AuthenticationException e = launchFails(AuthenticationException.class);

    assertThat(e.errorCode()).isEqualTo("missing_token");
    assertThat(e.statusCode()).isEqualTo(401);
  }

  @Test
  void jsonTypedBodyThatIsNotJsonMapsByStatus() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "application/json")
            .setBody("upstream connect error"));

    ServerException e = launchFails(ServerException.class);

    assertThat(e.errorCode()).isEqualTo("server_error");
    assertThat(e.getMessage()).contains("application/json body of 22 bytes");
  }

  @Test
  void bodyCutShortByTheConnectionMapsByStatus() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(500)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"error_code\":\"server_")
            .setHeader("Content-Length", "1000")
            .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));

    ServerException e = launchFails(ServerException.class);

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.errorCode()).isEqualTo("server_error");
    assertThat(e.getMessage()).contains("1,000 bytes");
  }

  @Test
  void hugeBodyIsReadOnlyUpTo64KiB() {
    // 5 MB, sent 128 KiB per second: reading it all would take 40 seconds.
    Buffer huge = new Buffer().writeUtf8("{\"error_code\":\"server_error\",\"message\":\"");
    huge.writeUtf8("x".repeat(5 * 1024 * 1024)).writeUtf8("\"}");
    long size = huge.size();
    server.enqueue(
        new MockResponse()
            .setResponseCode(503)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Request-Id", "req_huge")
            .setBody(huge)
            .throttleBody(128 * 1024, 1, TimeUnit.SECONDS));

    long start = System.nanoTime();
    ServerException e = launchFails(ServerException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.errorCode())
        .as("a cut body is not parsed: the status decides")
        .isEqualTo("unavailable");
    assertThat(e.requestId()).contains("req_huge");
    assertThat(e.getMessage()).contains(String.format("%,d bytes", size));
  }

  @Test
  void hugeChunkedBodyReportsWhatWasRead() {
    Buffer huge = new Buffer().writeUtf8("<html>" + "y".repeat(1024 * 1024) + "</html>");
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setChunkedBody(huge, 16 * 1024));

    ServerException e = launchFails(ServerException.class);

    assertThat(e.getMessage()).contains(String.format("%,d bytes", 64 * 1024 + 1));
  }

  @Test
  void emptyBodyWithUnknownStatus() {
    server.enqueue(new MockResponse().setResponseCode(451));

    FlowApiException e = launchFails(FlowApiException.class);

    assertThat(e.errorCode()).isEqualTo("http_451");
    assertThat(e.getMessage()).contains("empty body");
  }
}
