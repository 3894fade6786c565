package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.examples.HttpClientTokenEndpoint;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.integration.support.RecordingSleeper;
import dev.flowexec.sdk.integration.support.SecretGuard;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SDK's own logs at TRACE, through System.Logger into JUL, over both transports (one core
 * {@link dev.flowexec.sdk.transport.WireLog} writes their lines): a launch with client credentials,
 * a launch whose token is refused and renewed, and a launch retried after a 503. The lines a person
 * needs are there; no token, secret or Basic credential is.
 */
class WireLoggingTest {
  private final Logger flowexec = Logger.getLogger("dev.flowexec");
  private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureFlowexecLogs() {
    capture.setLevel(Level.ALL);
    flowexec.addHandler(capture);
    flowexec.setLevel(Level.ALL); // TRACE is FINER, DEBUG is FINE in JUL
  }

  @AfterEach
  void restore() {
    flowexec.removeHandler(capture);
    flowexec.setLevel(null);
  }

  enum Transport {
    RETROFIT,
    HTTP_CLIENT;

    FlowTransport create(String baseUrl, String secret) {
      if (this == RETROFIT) {
        return RetrofitTransport.builder()
            .baseUrl(baseUrl)
            .credentials(TestFlows.CLIENT_ID, secret)
            .build();
      }
      return new HttpClientTransport(
          URI.create(baseUrl),
          HttpClientTokenEndpoint.clientCredentials(
              ClientCredentials.builder()
                  .tokenUrl(baseUrl + "/oauth/token")
                  .clientId(TestFlows.CLIENT_ID)
                  .clientSecret(secret)
                  .build()));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void traceShowsEveryExchangeAndNoSecret(Transport transport) {
    String secret = TestFlows.newSecret();
    try (SecretGuard guard = new SecretGuard();
        FlowExecutionsEmulator emulator = TestFlows.emulator(secret, Clock.systemUTC()).start();
        FlowExecutionsClient client =
            FlowExecutionsClient.builder()
                .transport(transport.create(emulator.baseUrl(), secret))
                .retryPolicy(
                    RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).jitter(0).build())
                .sleeper(new RecordingSleeper())
                .build()) {
      client.launch(TestFlows.request());
      assertThat(emulator.expireToken(lastBearer(emulator))).isTrue();
      client.launch(TestFlows.request()); // 401 invalid_token, a new token, sent again
      emulator.faults().next(Fault.status(503));
      client.launch(TestFlows.request()); // 503, retried

      List<String> debug = lines(Level.FINE);
      assertThat(debug)
          .filteredOn(l -> l.startsWith("token fetch POST "))
          .hasSize(2)
          .allMatch(
              l ->
                  l.matches(
                      "token fetch POST http://127\\.0\\.0\\.1:\\d+/oauth/token for launch"
                          + " attempt 1: token received, \\d+ ms.*"))
          .satisfies(l -> assertThat(l.get(0)).doesNotContain("forced"))
          .satisfies(
              l -> assertThat(l.get(1)).endsWith(", forced: the service refused the cached token"));
      assertThat(debug)
          .filteredOn(l -> l.endsWith("; sent again with a new token"))
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .startsWith(
                          "launch POST /api/v2/flows/executions attempt 1:"
                              + " 401 invalid_token, request "));
      assertThat(debug)
          .filteredOn(
              l ->
                  l.startsWith("launch POST /api/v2/flows/executions")
                      && !l.endsWith("; sent again with a new token"))
          .anyMatch(l -> l.contains("attempt 1: 503 unavailable") && l.contains("; retry in 10 ms"))
          .anyMatch(l -> l.contains("attempt 2: 201") && l.endsWith("; done"))
          .allMatch(l -> l.matches(".*request (req_\\w+|-), \\d+ ms.*"));
      List<String> trace = lines(Level.FINER);
      assertThat(trace)
          .anyMatch(
              l ->
                  l.startsWith("--> POST ")
                      && l.contains("/oauth/token")
                      && l.contains("Authorization: <redacted>")
                      && l.contains("grant_type=client_credentials"));
      assertThat(trace)
          .anyMatch(
              l -> l.startsWith("<-- 200 POST ") && l.contains("\"access_token\":\"<redacted>\""));
      assertThat(trace).anyMatch(l -> l.startsWith("<-- 401 POST ") && l.contains("invalid_token"));
      assertThat(trace).anyMatch(l -> l.startsWith("--> POST ") && l.contains("\"flow_id\""));
      assertThat(records)
          .as("nothing at INFO or above in normal operation")
          .noneMatch(r -> r.getLevel().intValue() >= Level.INFO.intValue());

      Set<String> secrets = secrets(secret, emulator.requests());
      assertThat(secrets).hasSizeGreaterThanOrEqualTo(4); // the secret, Basic, two tokens
      records.forEach(r -> guard.record(r.getMessage()));
      guard.assertNoneOf(secrets);
    }
  }

  private List<String> lines(Level level) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(LogRecord::getMessage)
        .collect(Collectors.toList());
  }

  private static String lastBearer(FlowExecutionsEmulator emulator) {
    List<ReceivedRequest> requests = emulator.requests();
    for (int i = requests.size() - 1; i >= 0; i--) {
      String auth = requests.get(i).header("Authorization").orElse("");
      if (auth.startsWith("Bearer ")) {
        return auth.substring("Bearer ".length());
      }
    }
    throw new AssertionError("no request carried a bearer token");
  }

  /** The client secret, its Basic credential, and every token the emulator saw. */
  private static Set<String> secrets(String secret, List<ReceivedRequest> requests) {
    Set<String> secrets = new LinkedHashSet<>();
    secrets.add(secret);
    secrets.add(
        Base64.getEncoder()
            .encodeToString(
                (TestFlows.CLIENT_ID + ":" + secret)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    for (ReceivedRequest request : requests) {
      request.header("Authorization").ifPresent(v -> secrets.add(v.substring(v.indexOf(' ') + 1)));
      String body = request.body();
      int at = body.indexOf("\"access_token\"");
      if (at >= 0) {
        secrets.add(body.substring(at));
      }
    }
    return secrets;
  }
}
