package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.transport.CallOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/**
 * Runs an auth flow with every kind of failure while capturing all output and every exception, and
 * checks that neither the token nor the secret (nor the Basic value made from it) shows.
 */
class SecretsTest {
  private static final String SECRET = "Sup3rS3cretValue";
  private static final String TOKEN = "AccessTok3nValue";
  private static final String BASIC =
      Base64.getEncoder().encodeToString(("client-1:" + SECRET).getBytes(StandardCharsets.UTF_8));

  @Test
  void noSecretOrTokenShowsAnywhere() throws Exception {
    List<String> seen = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    MockWebServer server = new MockWebServer();
    try {
      server.start();
      server.enqueue(Fixtures.token(TOKEN, 3600, null)); // the grant
      server.enqueue(
          new MockResponse()
              .setResponseCode(401) // the token is refused
              .setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
      server.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setHeader("Content-Type", "application/json")
              .setBody(
                  "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}"));
      server.enqueue(new MockResponse().setResponseCode(500).setBody("<html>boom</html>"));
      server.enqueue(Fixtures.token(TOKEN, 3600, "flow:read")); // insufficient scope

      RetrofitTransport.Builder builder =
          RetrofitTransport.builder()
              .baseUrl(server.url("/").toString())
              .credentials("client-1", SECRET);
      seen.add(builder.toString());
      try (RetrofitTransport transport = builder.build()) {
        seen.add(transport.toString());
        for (int i = 0; i < 4; i++) {
          try {
            transport.launch(Fixtures.launchRequest(), CallOptions.defaults());
          } catch (RuntimeException failure) {
            record(failure, seen);
          }
        }
        try {
          transport
              .launchAsync(Fixtures.launchRequest(), CallOptions.ofTimeout(Duration.ofMillis(300)))
              .join();
        } catch (RuntimeException failure) {
          record(failure, seen);
        }
        seen.add(transport.toString());
      }
      try (RetrofitTransport fixed =
          RetrofitTransport.builder()
              .baseUrl(server.url("/").toString())
              .accessToken(TOKEN)
              .build()) {
        seen.add(fixed.toString());
        server.enqueue(
            new MockResponse().setResponseCode(401).setBody("{\"error_code\":\"invalid_token\"}"));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        for (int i = 0; i < 2; i++) {
          try {
            fixed.launch(Fixtures.launchRequest(), CallOptions.ofTimeout(Duration.ofMillis(300)));
          } catch (RuntimeException failure) {
            record(failure, seen);
          }
        }
      }
      try {
        RetrofitTransport.builder().baseUrl("http://flows.example.com").accessToken(TOKEN).build();
      } catch (RuntimeException failure) {
        record(failure, seen);
      }
      seen.add(RetrofitTransport.builder().accessToken(TOKEN).toString());
      try {
        RetrofitTransport.builder().accessToken(TOKEN + " trailing");
      } catch (RuntimeException failure) {
        record(failure, seen);
      }
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      server.shutdown();
    }
    seen.add(captured.toString(StandardCharsets.UTF_8));

    assertThat(seen).hasSizeGreaterThan(8);
    assertThat(String.join("\n", seen))
        .as("failures were recorded")
        .contains("invalid_client")
        .contains("500")
        .contains("insufficient_scope")
        .contains("invalid_token")
        .contains("timed out")
        .contains("plain http");
    assertThat(seen)
        .allSatisfy(
            text ->
                assertThat(text)
                    .doesNotContain(SECRET)
                    .doesNotContain(TOKEN)
                    .doesNotContain(BASIC));
  }

  @Test
  void noSecretOrTokenShowsOnTheIdentityProviderPaths() throws Exception {
    String secret = "Idp: %+ é€ S3cret";
    String encoded = java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String basic =
        Base64.getEncoder()
            .encodeToString(("client-1:" + encoded).getBytes(StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    MockWebServer server = new MockWebServer();
    try {
      server.start();
      String json = "application/json";
      server.enqueue(
          new MockResponse()
              .setResponseCode(405)
              .setHeader("Content-Type", json)
              .setBody("{\"error\":\"HTTP 405 Method Not Allowed\"}"));
      server.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setHeader("Content-Type", json)
              .setBody(
                  "{\"error\":\"unauthorized_client\",\"error_description\":\"bad "
                      + secret
                      + " / "
                      + encoded
                      + " / "
                      + basic
                      + "\"}"));
      server.enqueue(
          new MockResponse()
              .setResponseCode(400)
              .setHeader("Content-Type", json)
              .setBody(
                  "{\"error\":\"invalid_scope\",\"error_description\":\"Invalid scopes: flow:execute\"}"));
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "text/html")
              .setBody("<html>" + secret + "</html>"));
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", json)
              .setBody(
                  "{\"access_token\":\""
                      + TOKEN
                      + "\",\"token_type\":\"DPoP\",\"expires_in\":60}"));
      server.enqueue(
          new MockResponse()
              .setResponseCode(502)
              .setHeader("Content-Type", "text/html")
              .setBody("<html>down</html>"));
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", json)
              .setBody(
                  "{\"access_token\":\""
                      + TOKEN
                      + "\",\"token_type\":\"Bearer\",\"expires_in\":1e999,\"scope\":\"profile\"}"));
      for (dev.flowexec.sdk.auth.ClientAuthMethod method :
          dev.flowexec.sdk.auth.ClientAuthMethod.values()) {
        RetrofitTransport.Builder builder =
            RetrofitTransport.builder()
                .baseUrl(server.url("/").toString())
                .credentials("client-1", secret)
                .tokenUrl(server.url("/realms/r/protocol/openid-connect/token").toString())
                .clientAuthMethod(method)
                .tokenParameter("audience", "https://flows.example.com");
        seen.add(builder.toString());
        try (RetrofitTransport transport = builder.build()) {
          seen.add(transport.toString());
          for (int i = 0;
              i < (method == dev.flowexec.sdk.auth.ClientAuthMethod.CLIENT_SECRET_BASIC ? 4 : 3);
              i++) {
            try {
              transport.launch(Fixtures.launchRequest(), CallOptions.defaults());
            } catch (RuntimeException failure) {
              record(failure, seen);
            }
          }
        }
      }
      try {
        RetrofitTransport.builder()
            .baseUrl(server.url("/").toString())
            .credentials("client-1", secret)
            .scopes("api://flows/.default")
            .build();
      } catch (RuntimeException failure) {
        record(failure, seen);
      }
    } finally {
      server.shutdown();
    }

    assertThat(String.join("\n", seen))
        .as("failures were recorded")
        .contains("answered 405")
        .contains("unauthorized_client")
        .contains("invalid_scope")
        .contains("text/html")
        .contains("DPoP")
        .contains("502")
        .contains("insufficient_scope")
        .contains("ScopeCheck.off()");
    assertThat(seen)
        .allSatisfy(
            text ->
                assertThat(text)
                    .doesNotContain(secret)
                    .doesNotContain(encoded)
                    .doesNotContain(basic)
                    .doesNotContain(TOKEN));
  }

  private static void record(Throwable failure, List<String> seen) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    failure.printStackTrace(); // into the captured System.err too
    seen.add(trace.toString());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      seen.add(String.valueOf(t.getMessage()));
      seen.add(t.toString());
    }
  }
}
