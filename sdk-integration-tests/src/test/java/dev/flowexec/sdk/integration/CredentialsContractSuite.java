package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.testing.ReceivedRequest;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.Operation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract suite, plus the cases of the client-credentials grant, for transports that fetch
 * their own tokens from the token endpoint.
 */
abstract class CredentialsContractSuite extends TransportContractSuite {
  /**
   * Makes the transport under test with the client-credentials grant against {@code baseUrl}'s
   * token endpoint.
   *
   * @param baseUrl the API's (and token endpoint's) base URL
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param scopes the scopes to request, or none for the transport's default
   * @return the transport
   */
  protected abstract FlowTransport newCredentialsTransport(
      String baseUrl, String clientId, String clientSecret, String... scopes);

  @Test
  void client_credentials_fetch_one_token_for_many_calls() {
    FlowExecutionsClient client =
        client(newCredentialsTransport(emulator.baseUrl(), TestFlows.CLIENT_ID, secret), RETRIES);

    for (int i = 0; i < 5; i++) {
      client.launch(TestFlows.request());
    }

    assertThat(emulator.executionCount()).isEqualTo(5);
    List<ReceivedRequest> tokenRequests =
        emulator.requests().stream()
            .filter(r -> r.path().equals("/oauth/token"))
            .collect(Collectors.toList());
    assertThat(tokenRequests).hasSize(1);
    assertThat(tokenRequests.get(0).header("Authorization"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
    assertThat(tokenRequests.get(0).body()).contains("grant_type=client_credentials");
  }

  @Test
  void bad_client_secret_is_authentication_exception_invalid_client() {
    FlowExecutionsClient client =
        client(
            newCredentialsTransport(emulator.baseUrl(), TestFlows.CLIENT_ID, secret + "-wrong"),
            RETRIES);
    LaunchRequest request = TestFlows.request();

    AuthenticationException failure =
        failure(AuthenticationException.class, () -> client.launch(request));

    assertApiFailure(failure, AuthenticationException.class, 401, "invalid_client");
    assertThat(failure.getMessage()).doesNotContain(secret + "-wrong");
    assertThat(emulator.launchAttempts(request.flowExecutionId()))
        .as("no launch was sent")
        .isZero();
    assertThat(emulator.executionCount()).isZero();
    assertThat(listener.retries()).isEmpty();
    assertThat(listener.tokenFetches())
        .singleElement()
        .satisfies(
            fetch -> {
              assertThat(fetch.failure()).containsSame(failure);
              assertThat(fetch.errorCode()).contains("invalid_client");
              assertThat(fetch.statusCode()).isEqualTo(401);
              assertThat(fetch.forcedRefresh()).isFalse();
              assertThat(fetch.attempt()).isEqualTo(1);
            });
  }

  @Test
  void every_token_fetch_reaches_the_clients_listeners_sync_and_async() throws Exception {
    FlowExecutionsClient client =
        client(newCredentialsTransport(emulator.baseUrl(), TestFlows.CLIENT_ID, secret), RETRIES);
    LaunchRequest first = TestFlows.request();

    client.launch(first);
    client.launch(TestFlows.request()); // the cached token: no fetch
    List<ReceivedRequest> requests = emulator.requests();
    String bearer =
        requests.get(requests.size() - 1).header("Authorization").orElseThrow().substring(7);
    assertThat(emulator.expireToken(bearer)).isTrue();
    LaunchRequest refused = TestFlows.request();
    client.launchAsync(refused).get(20, TimeUnit.SECONDS); // 401, a forced fetch, sent again

    List<ExecutionListener.TokenFetched> fetches = listener.tokenFetches();
    assertThat(fetches)
        .extracting(
            f ->
                f.flowExecutionId()
                    + " attempt "
                    + f.attempt()
                    + (f.forcedRefresh() ? " forced" : "")
                    + (f.failure().isPresent() ? " failed" : ""))
        .containsExactly(
            first.flowExecutionId() + " attempt 1",
            refused.flowExecutionId() + " attempt 1 forced");
    assertThat(fetches)
        .allSatisfy(
            fetch -> {
              assertThat(fetch.operation()).isEqualTo(Operation.LAUNCH);
              assertThat(fetch.tokenUrl())
                  .hasValueSatisfying(
                      url ->
                          assertThat(url)
                              .hasToString(
                                  emulator.baseUrl().replaceAll("/+$", "") + "/oauth/token"));
              assertThat(fetch.toString()).doesNotContain(secret).doesNotContain(bearer);
            });
    assertThat(emulator.requests().stream().filter(r -> r.path().equals("/oauth/token")).count())
        .as("one event per request to the token endpoint")
        .isEqualTo(fetches.size());
  }

  @Test
  void a_request_resent_after_a_refused_token_is_told_and_carries_its_own_headers()
      throws Exception {
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutionListener headers =
        new ExecutionListener() {
          @Override
          public void attemptStarted(AttemptStarted attempt) {
            attempt.addHeader("X-Request-Seq", attempt.attempt() + "a");
          }

          @Override
          public void requestResent(RequestResent resent) {
            told.add(
                resent.attempt()
                    + " "
                    + resent.refusal().statusCode()
                    + " "
                    + resent.refusal().errorCode());
            resent.addHeader(
                "x-request-seq", resent.attempt() + "b"); // replaces, whatever the case
          }
        };
    FlowTransport transport =
        newCredentialsTransport(emulator.baseUrl(), TestFlows.CLIENT_ID, secret);
    try (FlowExecutionsClient client =
        FlowExecutionsClient.builder()
            .transport(transport)
            .retryPolicy(RETRIES)
            .listener(headers)
            .build()) {
      client.launch(TestFlows.request());

      for (boolean async : new boolean[] {false, true}) {
        List<ReceivedRequest> requests = emulator.requests();
        String bearer =
            requests.get(requests.size() - 1).header("Authorization").orElseThrow().substring(7);
        assertThat(emulator.expireToken(bearer)).isTrue();
        LaunchRequest request = TestFlows.request();
        if (async) {
          client.launchAsync(request).get(20, TimeUnit.SECONDS);
        } else {
          client.launch(request);
        }
        List<ReceivedRequest> sent =
            emulator.requests().stream()
                .filter(r -> r.body().contains(request.flowExecutionId()))
                .collect(Collectors.toList());
        assertThat(sent)
            .extracting(
                r ->
                    r.header("X-Request-Seq").orElse("none")
                        + " "
                        + r.header("Authorization")
                            .map(a -> a.equals("Bearer " + bearer) ? "old" : "new")
                            .orElse("-"))
            .as(async ? "async" : "sync")
            .containsExactly("1a old", "1b new");
      }
    }
    assertThat(told).containsExactly("1 401 invalid_token", "1 401 invalid_token");
  }

  @Test
  void credentials_granted_only_flow_read_cannot_launch() {
    FlowExecutionsClient client =
        client(
            newCredentialsTransport(
                emulator.baseUrl(), TestFlows.READER_CLIENT_ID, secret, "flow:read"),
            RETRIES);
    LaunchRequest request = TestFlows.request();

    InsufficientScopeException failure =
        failure(InsufficientScopeException.class, () -> client.launch(request));

    assertThat(failure).isExactlyInstanceOf(InsufficientScopeException.class);
    assertThat(failure.errorCode()).isEqualTo("insufficient_scope");
    // Either the transport knew the granted scopes and refused before sending (status 0), or the
    // service answered 403.
    if (failure.statusCode() == 0) {
      assertThat(failure.grantedScopes()).containsExactly("flow:read");
      assertThat(emulator.launchAttempts(request.flowExecutionId())).isZero();
    } else {
      assertThat(failure.statusCode()).isEqualTo(403);
    }
    assertThat(failure.requiredScopes()).contains("flow:execute");
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void credentials_asking_for_a_scope_the_client_may_not_have_is_invalid_scope() {
    FlowExecutionsClient client =
        client(
            newCredentialsTransport(
                emulator.baseUrl(), TestFlows.READER_CLIENT_ID, secret, "flow:execute"),
            RETRIES);

    AuthenticationException failure =
        failure(AuthenticationException.class, () -> client.launch(TestFlows.request()));

    assertApiFailure(failure, AuthenticationException.class, 400, "invalid_scope");
    assertThat(emulator.executionCount()).isZero();
  }
}
