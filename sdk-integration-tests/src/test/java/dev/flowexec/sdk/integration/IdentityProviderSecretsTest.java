package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.ClientAuthMethod;
import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.examples.HttpClientTokenEndpoint;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.integration.support.SecretGuard;
import dev.flowexec.sdk.integration.support.TestFlows;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * The identity-provider paths under {@link SecretGuard}: both transports (Retrofit, and the
 * examples' java.net.http one through sdk-core's caching provider), both client authentication
 * methods, against a token endpoint that answers every failure the SDK types, with descriptions
 * that quote the client secret in each spelling. Nothing shown to a person (output, logs, exception
 * texts, {@code toString()}s) contains the secret, its Basic value or a token.
 */
class IdentityProviderSecretsTest {
  private static final String TOKEN = "IdpT0kenValue-3f9a";

  @Test
  void no_secret_or_token_shows_on_any_token_endpoint_failure() throws Exception {
    String secret = TestFlows.newSecret() + ": %+ é€";
    String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String basic =
        Base64.getEncoder()
            .encodeToString(("client-9:" + encoded).getBytes(StandardCharsets.UTF_8));
    List<Function<String, MockResponse>> answers =
        List.of(
            d -> json(405, "{\"error\":\"HTTP 405 Method Not Allowed\"}"),
            d ->
                json(
                    401, "{\"error\":\"unauthorized_client\",\"error_description\":\"" + d + "\"}"),
            d -> json(400, "{\"error\":\"invalid_scope\",\"error_description\":\"" + d + "\"}"),
            d -> json(500, "{\"error\":\"server_error\",\"error_description\":\"" + d + "\"}"),
            d ->
                json(
                        503,
                        "{\"error\":\"temporarily_unavailable\",\"error_description\":\""
                            + d
                            + "\"}")
                    .setHeader("Retry-After", "1"), // 0 would make OkHttp 4.12 re-send on its own
            d -> json(429, "{\"error_description\":\"" + d + "\"}"),
            d ->
                new MockResponse()
                    .setHeader("Content-Type", "text/html")
                    .setBody("<html>" + d + "</html>"),
            d ->
                json(
                    200,
                    "{\"access_token\":\""
                        + TOKEN
                        + "\",\"token_type\":\"DPoP\",\"expires_in\":60}"),
            d ->
                json(
                    200,
                    "{\"access_token\":\""
                        + TOKEN
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":\""
                        + d
                        + "\"}"));
    String description =
        "secret "
            + secret.replace("\\", "\\\\").replace("\"", "\\\"")
            + " form "
            + encoded
            + " basic "
            + basic;
    int failures = 0;
    try (SecretGuard guard = new SecretGuard();
        MockWebServer idp = new MockWebServer()) {
      idp.start();
      String tokenUrl = idp.url("/realms/flows/protocol/openid-connect/token").toString();
      for (ClientAuthMethod method : ClientAuthMethod.values()) {
        List<FlowTransport> transports = new ArrayList<>();
        RetrofitTransport.Builder builder =
            RetrofitTransport.builder()
                .baseUrl(idp.url("/").toString())
                .credentials("client-9", secret)
                .tokenUrl(tokenUrl)
                .clientAuthMethod(method);
        guard.record(builder.toString());
        transports.add(builder.build());
        ClientCredentials credentials =
            ClientCredentials.builder()
                .tokenUrl(tokenUrl)
                .clientId("client-9")
                .clientSecret(secret)
                .authMethod(method)
                .build();
        guard.record(credentials.toString());
        guard.record(credentials.tokenRequest().toString());
        transports.add(
            new HttpClientTransport(
                URI.create(idp.url("/").toString()),
                HttpClientTokenEndpoint.clientCredentials(credentials)));
        for (FlowTransport transport : transports) {
          guard.record(transport.toString());
          try (FlowExecutionsClient client =
              FlowExecutionsClient.builder()
                  .transport(transport)
                  .retryPolicy(RetryPolicy.none())
                  .timeout(Duration.ofSeconds(10))
                  .build()) {
            for (Function<String, MockResponse> answer : answers) {
              idp.enqueue(answer.apply(description));
              try {
                client.launch(TestFlows.request());
              } catch (FlowApiException failure) {
                guard.record(failure);
                failures++;
              }
            }
          }
          transport.close();
        }
      }
      assertThat(failures).as("every answer failed the call").isEqualTo(answers.size() * 4);
      assertThat(guard.seen())
          .contains("answered 405")
          .contains("unauthorized_client")
          .contains("invalid_scope")
          .contains("server_error")
          .contains("temporarily_unavailable")
          .contains("too many token requests")
          .contains("text/html")
          .contains("DPoP")
          .contains("expires_in that is not a number")
          .contains("<redacted>");
      guard.assertNoneOf(List.of(secret, encoded, basic, TOKEN));
    }
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
