package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.integration.support.Generators;
import dev.flowexec.sdk.integration.support.Json;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * Whatever a server answers (any status from 200 to 599, random bytes or JSON or near-contract JSON
 * with fields of the wrong type, any content type, hostile {@code Retry-After}, {@code
 * WWW-Authenticate} and {@code X-Request-Id}, a bogus {@code Content-Encoding: gzip}, a connection
 * cut in the body), a call through the client and {@link RetrofitTransport} ends, in bounded time,
 * in a {@link FlowExecution} (only for a 2xx) or a {@link FlowApiException}: never an NPE, a Moshi
 * exception or another runtime exception, and never a hang. Synchronous and asynchronous calls,
 * launch and get.
 */
class HostileResponsePropertiesTest {
  private static final String TOKEN = "fet_hostile-" + TestFlows.newSecret();
  private static final LaunchRequest REQUEST = TestFlows.request();

  private MockWebServer server;
  private FlowExecutionsClient client;
  private ExecutorService caller;
  private volatile ResponseSpec current;

  @BeforeProperty
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return current.toMockResponse(); // a fresh one: retries see the same answer again
          }
        });
    server.start();
    String url = server.url("/").toString();
    client =
        FlowExecutionsClient.builder()
            .transport(
                RetrofitTransport.builder()
                    .baseUrl(url.substring(0, url.length() - 1))
                    .accessToken(TOKEN)
                    .readTimeout(Duration.ofSeconds(2))
                    .build())
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(2)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(2))
                    .maxRetryAfter(Duration.ofMillis(10))
                    .build())
            .timeout(Duration.ofSeconds(3))
            .build();
    caller = Executors.newSingleThreadExecutor();
  }

  @AfterProperty
  void stop() throws Exception {
    caller.shutdownNow();
    client.close();
    server.shutdown();
  }

  @Property(tries = 300)
  void any_response_ends_in_an_execution_or_a_flow_api_exception(
      @ForAll("responses") ResponseSpec response, @ForAll("calls") String call) throws Exception {
    current = response;
    Throwable failure = null;
    FlowExecution execution = null;
    try {
      switch (call) {
        case "launch":
          execution = caller.submit(() -> client.launch(REQUEST)).get(10, TimeUnit.SECONDS);
          break;
        case "get":
          execution = caller.submit(() -> client.get("exec-1")).get(10, TimeUnit.SECONDS);
          break;
        case "launchAsync":
          execution = client.launchAsync(REQUEST).get(10, TimeUnit.SECONDS);
          break;
        default:
          execution = client.getAsync("exec-1").get(10, TimeUnit.SECONDS);
          break;
      }
    } catch (ExecutionException ended) {
      failure = ended.getCause();
    } catch (TimeoutException hung) {
      fail("the call did not end within 10 s (the client's timeout is 3 s)");
    }

    if (failure == null) {
      assertThat(response.status).as("a success from a %d", response.status).isBetween(200, 299);
      assertThat(execution).isNotNull();
      return;
    }
    assertThat(failure).as("what the caller got").isInstanceOf(FlowApiException.class);
    FlowApiException api = (FlowApiException) failure;
    assertThat(api.errorCode()).isNotNull(); // blank when the body says "error_code": "" (reported)
    assertThat(api.statusCode()).isIn(0, response.status);
    assertThat(api.getMessage()).isNotNull().doesNotContain(TOKEN);
    assertThat(api.toString()).doesNotContain(TOKEN);
    api.retryAfter()
        .ifPresent(d -> assertThat(d.isNegative()).as("negative retryAfter %s", d).isFalse());
  }

  @Provide
  Arbitrary<String> calls() {
    return Arbitraries.of("launch", "get", "launchAsync", "getAsync");
  }

  // ---------------------------------------------------------------- responses

  /** A response to serve, rebuilt for every request. */
  static final class ResponseSpec {
    final int status;
    final Optional<String> contentType;
    final List<Map.Entry<String, String>> headers;
    final byte[] body;
    final SocketPolicy policy;

    ResponseSpec(
        int status,
        Optional<String> contentType,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        SocketPolicy policy) {
      this.status = status;
      this.contentType = contentType;
      this.headers = headers;
      this.body = body;
      this.policy = policy;
    }

    MockResponse toMockResponse() {
      MockResponse response = new MockResponse().setResponseCode(status).setSocketPolicy(policy);
      contentType.ifPresent(t -> response.addHeaderLenient("Content-Type", t));
      headers.forEach(h -> response.addHeaderLenient(h.getKey(), h.getValue()));
      return response.setBody(new Buffer().write(body));
    }

    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return status
          + " "
          + contentType
          + " "
          + headers
          + " "
          + policy
          + " body("
          + body.length
          + ")="
          + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }

  @Provide
  Arbitrary<ResponseSpec> responses() {
    Arbitrary<Integer> statuses =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(200, 599)),
            Tuple.of(
                4,
                Arbitraries.of(
                    200, 201, 202, 204, 400, 401, 403, 404, 407, 408, 409, 413, 415, 422, 429, 500,
                    502, 503, 504, 599)));
    Arbitrary<Optional<String>> contentTypes =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "application/json",
                    "application/json; charset=utf-8",
                    "application/problem+json",
                    "text/html; charset=utf-8",
                    "text/plain",
                    "application/octet-stream",
                    "application/json; charset=utf-16",
                    "json",
                    "; charset=x",
                    "")
                .map(Optional::of),
            Arbitraries.of(";", ";;", " ; ").map(Optional::of),
            Generators.unicode(0, 20)
                .filter(HostileResponsePropertiesTest::headerSafe)
                .map(Optional::of),
            Arbitraries.just(Optional.empty()));
    Arbitrary<List<Map.Entry<String, String>>> headers =
        Combinators.combine(
                retryAfter().optional(0.6),
                wwwAuthenticate().optional(0.5),
                Generators.unicode(0, 40)
                    .filter(HostileResponsePropertiesTest::headerSafe)
                    .optional(0.5),
                Arbitraries.of(false, false, false, true))
            .as(
                (retry, challenge, requestId, gzip) -> {
                  List<Map.Entry<String, String>> list = new ArrayList<>();
                  retry.ifPresent(v -> list.add(Map.entry("Retry-After", v)));
                  challenge.ifPresent(v -> list.add(Map.entry("WWW-Authenticate", v)));
                  requestId.ifPresent(v -> list.add(Map.entry("X-Request-Id", v)));
                  if (gzip) {
                    list.add(Map.entry("Content-Encoding", "gzip"));
                  }
                  return list;
                });
    Arbitrary<SocketPolicy> policies =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(SocketPolicy.KEEP_OPEN)),
            Tuple.of(2, Arbitraries.just(SocketPolicy.DISCONNECT_AT_END)),
            Tuple.of(1, Arbitraries.just(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY)));
    return Combinators.combine(statuses, contentTypes, headers, bodies(), policies)
        .as(ResponseSpec::new);
  }

  private static boolean headerSafe(String value) {
    return value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0)
        && value.equals(value.trim());
  }

  private static Arbitrary<String> retryAfter() {
    DateTimeFormatter imf = DateTimeFormatter.RFC_1123_DATE_TIME;
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    // Up to 20 digits: OkHttp reads the Retry-After of a 408 or 503 itself, with Integer.valueOf.
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20),
        Arbitraries.of(
            "-1",
            "1.5",
            "0",
            "  3  ",
            "+5",
            "1e3",
            "Infinity",
            "NaN",
            "",
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 32 Foo 2026 99:99:99 GMT"),
        Arbitraries.longs().between(-100_000, 100_000_000).map(s -> imf.format(now.plusSeconds(s))),
        Generators.unicode(0, 30).filter(HostileResponsePropertiesTest::headerSafe));
  }

  private static Arbitrary<String> wwwAuthenticate() {
    Arbitrary<String> part =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Bearer",
                "bearer",
                "Basic",
                "realm=\"flows\"",
                "error=\"invalid_token\"",
                "error=insufficient_scope",
                "scope=\"flow:execute flow:execution:write\"",
                "scope=\"\"",
                "error_description=\"a \\\"quoted\\\" text\"",
                "=",
                ",",
                "\"",
                "\\",
                "error=",
                "=x",
                "  "),
            Generators.unicode(0, 8).filter(HostileResponsePropertiesTest::headerSafe));
    return part.list().ofMinSize(0).ofMaxSize(8).map(parts -> String.join(" ", parts).trim());
  }

  private static Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> randomJson = Generators.jsonValues(3).map(v -> utf8(Json.write(v)));
    Arbitrary<byte[]> execution = nearContract(executionFields()).map(m -> utf8(Json.write(m)));
    Arbitrary<byte[]> error = nearContract(errorFields()).map(m -> utf8(Json.write(m)));
    Arbitrary<byte[]> truncated =
        Arbitraries.oneOf(execution, error, randomJson)
            .flatMap(
                b ->
                    Arbitraries.integers()
                        .between(0, Math.max(0, b.length - 1))
                        .map(n -> java.util.Arrays.copyOf(b, n)));
    Arbitrary<byte[]> fixed =
        Arbitraries.of(
                "",
                "null",
                "[]",
                "{}",
                "\"text\"",
                "42",
                "{\"flow_execution_id\":",
                "<html><body>502</body></html>",
                "{\"error_code\":null}",
                "{\"details\":[null,1,{\"field\":1}]}",
                "\uFEFF{}",
                "{\"error_code\":\"rate_limited\",\"retry_after_seconds\":1e308}",
                "{\"error_code\":\"rate_limited\",\"retry_after_seconds\":-5}",
                "{\"error_code\":\"insufficient_scope\",\"required_scopes\":\"flow:execute\"}",
                "[".repeat(300) + "]".repeat(300),
                "{\"a\":".repeat(300) + "1" + "}".repeat(300))
            .map(HostileResponsePropertiesTest::utf8);
    return Arbitraries.frequencyOf(
        Tuple.of(2, randomBytes),
        Tuple.of(2, randomJson),
        Tuple.of(5, execution),
        Tuple.of(5, error),
        Tuple.of(2, truncated),
        Tuple.of(2, fixed));
  }

  /** Each field: absent, its right kind of value, or any JSON value. */
  private static Arbitrary<Map<String, Object>> nearContract(
      Map<String, Arbitrary<Object>> fields) {
    List<Arbitrary<Optional<Tuple.Tuple2<String, Object>>>> each = new ArrayList<>();
    fields.forEach(
        (name, good) ->
            each.add(
                Arbitraries.frequencyOf(Tuple.of(6, good), Tuple.of(1, Generators.jsonValues(1)))
                    .injectNull(0.1)
                    .map(v -> Tuple.of(name, v))
                    .optional(0.85)));
    return Combinators.combine(each)
        .as(
            entries -> {
              Map<String, Object> map = new LinkedHashMap<>();
              entries.forEach(e -> e.ifPresent(t -> map.put(t.get1(), t.get2())));
              return map;
            });
  }

  private static Map<String, Arbitrary<Object>> executionFields() {
    Map<String, Arbitrary<Object>> f = new LinkedHashMap<>();
    f.put("flow_execution_id", Arbitraries.of("exec-1", "", "x".repeat(300)).map(o -> (Object) o));
    f.put("flow_id", Arbitraries.of("abc-123", "").map(o -> (Object) o));
    f.put("flow_version", Arbitraries.of("1", "").map(o -> (Object) o));
    f.put("name", Generators.unicode(0, 20).map(o -> (Object) o));
    f.put(
        "status",
        Arbitraries.of(
                "QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "PAUSED", "", "queued")
            .map(o -> (Object) o));
    f.put("channel_type", Arbitraries.of("voice", "fax", "").map(o -> (Object) o));
    Arbitrary<Object> timestamps =
        Arbitraries.of(
                "2026-11-28T10:00:00Z",
                "2026-11-28t10:00:00.123456789z",
                "2026-11-28T10:00:00+05:30",
                "2026-11-28 10:00:00",
                "2026-13-45T99:00:00Z",
                "",
                "+999999999-12-31T23:59:59Z",
                "1970-01-01T00:00:00-18:00")
            .map(o -> (Object) o);
    f.put("created_at", timestamps);
    f.put("updated_at", timestamps);
    f.put("completed_at", timestamps);
    f.put("output_data", Generators.jsonObjects(Generators.jsonValues(2), 4).map(o -> (Object) o));
    f.put(
        "error",
        Arbitraries.of(Map.of("code", "x", "message", "y"), Map.of("code", 1), Map.of())
            .map(o -> (Object) o));
    f.put("self_uri", Arbitraries.of("/api/v2/flows/executions/exec-1", "").map(o -> (Object) o));
    return f;
  }

  private static Map<String, Arbitrary<Object>> errorFields() {
    Map<String, Arbitrary<Object>> f = new LinkedHashMap<>();
    f.put(
        "error_code",
        Arbitraries.of(
                "invalid_request",
                "missing_token",
                "invalid_token",
                "insufficient_scope",
                "flow_not_found",
                "execution_not_found",
                "flow_not_published",
                "request_in_progress",
                "idempotency_key_reused",
                "request_too_large",
                "rate_limited",
                "server_error",
                "unavailable",
                "brand_new_code",
                "",
                "null")
            .map(o -> (Object) o));
    f.put("message", Generators.unicode(0, 40).map(o -> (Object) o));
    f.put("request_id", Generators.unicode(0, 20).map(o -> (Object) o));
    Arbitrary<Object> detail =
        Combinators.combine(
                Generators.jsonValues(0), Generators.jsonValues(0), Generators.jsonValues(0))
            .as(
                (field, issue, message) -> {
                  Map<String, Object> d = new LinkedHashMap<>();
                  d.put("field", field);
                  d.put("issue", issue);
                  d.put("message", message);
                  return (Object) d;
                });
    f.put(
        "details",
        Arbitraries.oneOf(detail, Generators.jsonValues(0))
            .list()
            .ofMaxSize(4)
            .map(o -> (Object) o));
    f.put(
        "required_scopes",
        Arbitraries.oneOf(
                Arbitraries.of("flow:execute").map(o -> (Object) o), Generators.jsonValues(0))
            .list()
            .ofMaxSize(3)
            .map(o -> (Object) o));
    f.put("retry_after_seconds", Generators.numbers().map(o -> (Object) o));
    return f;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
