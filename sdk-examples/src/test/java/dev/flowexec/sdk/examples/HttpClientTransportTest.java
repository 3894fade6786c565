package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.ExecutionNotFoundException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.FlowNotPublishedException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import dev.flowexec.sdk.testing.Endpoint;
import dev.flowexec.sdk.testing.Fault;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.transport.CallOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientTransportTest {
  private FlowExecutionsEmulator emulator;

  @BeforeEach
  void start() {
    emulator = Demo.startEmulator(Duration.ofMillis(100), Duration.ofMillis(100));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void launchesWithIdempotencyKeyAndBearerTokenThenReads() {
    String token = emulator.issueToken(Set.of("flow:execute"));
    try (FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(
                new HttpClientTransport(
                    URI.create(emulator.baseUrl() + "/"), AccessTokenProvider.of(token)))
            .build()) {
      LaunchRequest request = request("abc-123");
      FlowExecution launched = client.launch(request);
      FlowExecution again = client.launch(request);
      FlowExecution done =
          client.awaitCompletion(launched.flowExecutionId(), Duration.ofSeconds(10));

      assertThat(launched.status().value()).isEqualTo("QUEUED");
      assertThat(again.flowExecutionId()).isEqualTo(launched.flowExecutionId());
      assertThat(emulator.executionCount()).isEqualTo(1);
      assertThat(done.status().value()).isEqualTo("COMPLETED");
      ReceivedRequest post =
          emulator.requests().stream()
              .filter(r -> r.method().equals("POST"))
              .findFirst()
              .orElseThrow();
      assertThat(post.path()).isEqualTo("/api/v2/flows/executions");
      assertThat(post.header("Idempotency-Key")).hasValue("\"" + request.flowExecutionId() + "\"");
      assertThat(post.header("Authorization")).hasValue("Bearer " + token);
      assertThat(post.header("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }
  }

  @Test
  void mapsErrorsThroughErrorMapper() {
    String token = emulator.issueToken(Set.of("flow:execute"));
    HttpClientTransport transport =
        new HttpClientTransport(URI.create(emulator.baseUrl()), AccessTokenProvider.of(token));
    assertThatThrownBy(() -> transport.launch(request(Demo.DRAFT_FLOW_ID), CallOptions.defaults()))
        .isInstanceOf(FlowNotPublishedException.class)
        .hasMessageContaining("409 flow_not_published");
    assertThatThrownBy(() -> transport.get("nope", CallOptions.defaults()))
        .isInstanceOf(ExecutionNotFoundException.class);
    emulator.faults().next(Fault.htmlBadGateway().on(Endpoint.GET_EXECUTION));
    assertThatThrownBy(() -> transport.get("nope", CallOptions.defaults()))
        .hasMessageContaining("502")
        .hasMessageContaining("text/html");
    HttpClientTransport readOnly =
        new HttpClientTransport(
            URI.create(emulator.baseUrl()),
            AccessTokenProvider.of(emulator.issueToken(Set.of("flow:read"))));
    assertThatThrownBy(() -> readOnly.launch(request("abc-123"), CallOptions.defaults()))
        .isInstanceOfSatisfying(
            InsufficientScopeException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void failsFastWhenTheTokensScopesAreKnown() {
    AccessToken known =
        AccessToken.builder()
            .value(emulator.issueToken(Set.of("flow:read")))
            .grantedScopes(Set.of("flow:read"))
            .build();
    HttpClientTransport transport =
        new HttpClientTransport(URI.create(emulator.baseUrl()), AccessTokenProvider.of(known));
    assertThatThrownBy(() -> transport.launch(request("abc-123"), CallOptions.defaults()))
        .isInstanceOfSatisfying(
            InsufficientScopeException.class, e -> assertThat(e.statusCode()).isZero());
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void renewsARefusedTokenOnce() {
    String expired = emulator.issueToken(Set.of("flow:execute"));
    emulator.expireToken(expired);
    String fresh = emulator.issueToken(Set.of("flow:execute"));
    AtomicInteger invalidated = new AtomicInteger();
    AccessTokenProvider provider =
        new AccessTokenProvider() {
          @Override
          public AccessToken token(Duration timeout) {
            return AccessToken.of(invalidated.get() == 0 ? expired : fresh);
          }

          @Override
          public void invalidate(AccessToken rejected) {
            invalidated.incrementAndGet();
          }
        };
    HttpClientTransport transport =
        new HttpClientTransport(URI.create(emulator.baseUrl()), provider);
    assertThat(
            transport
                .launch(request("abc-123"), CallOptions.defaults())
                .execution()
                .status()
                .value())
        .isEqualTo("QUEUED");
    assertThat(invalidated).hasValue(1);

    HttpClientTransport stuck =
        new HttpClientTransport(URI.create(emulator.baseUrl()), AccessTokenProvider.of(expired));
    assertThatThrownBy(() -> stuck.launch(request("abc-123"), CallOptions.defaults()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_token");
  }

  @Test
  void honoursTheCallTimeoutAndReportsIoFailures() {
    String token = emulator.issueToken(Set.of("flow:execute"));
    HttpClientTransport transport =
        new HttpClientTransport(URI.create(emulator.baseUrl()), AccessTokenProvider.of(token));
    emulator.faults().next(Fault.slowResponse(Duration.ofSeconds(3)).on(Endpoint.GET_EXECUTION));
    long start = System.nanoTime();
    assertThatThrownBy(() -> transport.get("x", CallOptions.ofTimeout(Duration.ofMillis(300))))
        .isInstanceOf(TransportException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

    HttpClientTransport nowhere =
        new HttpClientTransport(URI.create("http://127.0.0.1:1"), AccessTokenProvider.of(token));
    assertThatThrownBy(() -> nowhere.get("x", CallOptions.defaults()))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.requestMayHaveBeenSent()).isFalse());
  }

  @Test
  void refusesATimeoutOrLimitThatIsNotPositive() {
    HttpClientTransport transport =
        new HttpClientTransport(URI.create(emulator.baseUrl()), AccessTokenProvider.of("tok"));

    assertThatThrownBy(() -> transport.withConnectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout is PT0S");
    assertThatThrownBy(() -> transport.withMaxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResponseBytes is 0");
  }

  @Test
  void aSuccessPastTheConfiguredLimitIsRefused() {
    String token = emulator.issueToken(Set.of("flow:execute"));
    HttpClientTransport small =
        new HttpClientTransport(URI.create(emulator.baseUrl()), AccessTokenProvider.of(token))
            .withConnectTimeout(Duration.ofSeconds(2))
            .withMaxResponseBytes(64);

    assertThatThrownBy(() -> small.launch(request("abc-123"), CallOptions.defaults()))
        .isInstanceOfSatisfying(
            FlowApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo(FlowJsonCodec.RESPONSE_TOO_LARGE))
        .hasMessageContaining("past 64 bytes");
  }

  @Test
  void staysUnderOneHundredLinesOfCode() throws Exception {
    // Lines of code as google-java-format lays them out: not blank, not a comment, not an import.
    List<String> code =
        Files.readAllLines(
                Path.of("src/main/java/dev/flowexec/sdk/examples/HttpClientTransport.java"))
            .stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .filter(l -> !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*"))
            .filter(l -> !l.startsWith("import ") && !l.startsWith("package "))
            .collect(Collectors.toList());
    assertThat(code).hasSizeLessThan(100);
  }

  private static LaunchRequest request(String flowId) {
    return LaunchRequest.builder()
        .flowId(flowId)
        .participants(Participant.of("user-456", Role.USER, Channel.WEB))
        .channelType(Channel.WEB)
        .putInputData("order_id", "42")
        .build();
  }
}
