package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.ResponseMetadata;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import java.lang.reflect.Field;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code build()} accepts and refuses, and what the transport owns. */
class RetrofitTransportBuilderTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://flows.example.com",
        "http://localhost:8080",
        "http://127.0.0.1:9000/base",
        "http://127.10.0.3",
        "http://[::1]:8080"
      })
  void acceptsHttpsAndLoopback(String url) {
    try (RetrofitTransport transport =
        RetrofitTransport.builder().baseUrl(url).accessToken("t").build()) {
      assertThat(transport.toString()).contains("baseUrl=");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://flows.example.com",
        "http://10.0.0.1",
        "http://128.0.0.1",
        "http://localhost.evil.com"
      })
  void refusesPlainHttpToOtherHosts(String url) {
    assertThatThrownBy(() -> RetrofitTransport.builder().baseUrl(url).accessToken("t").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("use https");
  }

  @Test
  void refusesPlainHttpForTheTokenEndpointToo() {
    assertThatThrownBy(
            () ->
                RetrofitTransport.builder()
                    .baseUrl("https://flows.example.com")
                    .credentials("id", "secret")
                    .authBaseUrl("http://idp.example.com")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("authBaseUrl");
  }

  @Test
  void refusesCredentialsInTheUrlWithoutEchoingThem() {
    assertThatThrownBy(
            () ->
                RetrofitTransport.builder()
                    .baseUrl("https://user:hunter2@flows.example.com")
                    .accessToken("t")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user name or password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesNotAUrl() {
    assertThatThrownBy(
            () -> RetrofitTransport.builder().baseUrl("flows.example.com").accessToken("t").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http or https URL");
  }

  @Test
  void needsABaseUrl() {
    assertThatThrownBy(() -> RetrofitTransport.builder().accessToken("t").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseUrl");
  }

  @Test
  void needsOneWayToAuthenticate() {
    assertThatThrownBy(
            () -> RetrofitTransport.builder().baseUrl("https://flows.example.com").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("accessToken")
        .hasMessageContaining("credentials")
        .hasMessageContaining("tokenProvider");
  }

  @Test
  void refusesTwoWaysToAuthenticate() {
    assertThatThrownBy(
            () ->
                RetrofitTransport.builder()
                    .baseUrl("https://flows.example.com")
                    .accessToken("t")
                    .credentials("id", "secret")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more than one")
        .hasMessageContaining("accessToken, credentials");
    assertThatThrownBy(
            () ->
                RetrofitTransport.builder()
                    .baseUrl("https://flows.example.com")
                    .tokenProvider(AccessTokenProvider.of("x"))
                    .credentials("id", "secret")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("credentials, tokenProvider");
  }

  @Test
  void refusesAuthSettingsWithoutCredentials() {
    assertThatThrownBy(
            () ->
                RetrofitTransport.builder()
                    .baseUrl("https://flows.example.com")
                    .accessToken("t")
                    .scopes("flow:execute")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scopes is set but credentials");
    assertThatThrownBy(
            () ->
                RetrofitTransport.builder()
                    .baseUrl("https://flows.example.com")
                    .accessToken("t")
                    .authBaseUrl("https://idp.example.com")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("authBaseUrl is set but credentials");
  }

  @Test
  void refusesBadSettingsEarly() {
    assertThatThrownBy(() -> RetrofitTransport.builder().accessToken("Bearer abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("abc");
    assertThatThrownBy(() -> RetrofitTransport.builder().scopes("flow:execute flow:read"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetrofitTransport.builder().callTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("callTimeout");
    assertThatThrownBy(() -> RetrofitTransport.builder().credentials(" ", "secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientId");
  }

  @Test
  void clientIsOneChainToAClientThatRetriesAndOwnsItsTransport() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(Fixtures.error(503, "unavailable", "try later", "req_1"));
      server.enqueue(Fixtures.created());
      FlowExecutionsClient client =
          RetrofitTransport.builder()
              .baseUrl(server.url("/").toString())
              .accessToken("tok")
              .client()
              .retryPolicy(
                  RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(0).build())
              .build();

      ResponseMetadata launched = client.withResponse().launch(Fixtures.launchRequest()).metadata();
      client.close();

      assertThat(launched.attempts())
          .as("the client's retries, not the bare transport's one attempt")
          .isEqualTo(2);
      assertThat(client.toString()).contains("RetrofitTransport{baseUrl=");
      assertThatThrownBy(() -> client.launch(Fixtures.launchRequest()))
          .isInstanceOf(RuntimeException.class);
      assertThat(client.toString())
          .as("closing the client closed its transport")
          .contains("(closed)");
    }
  }

  @Test
  void clientChecksTheTransportsSettingsFirst() {
    assertThatThrownBy(() -> RetrofitTransport.builder().accessToken("tok").client())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseUrl is not set");
  }

  @Test
  void closeShutsDownOnlyWhatTheTransportOwns() throws Exception {
    RetrofitTransport own =
        RetrofitTransport.builder().baseUrl("https://flows.example.com").accessToken("t").build();
    OkHttpClient ownClient = httpClientOf(own);
    own.close();
    assertThat(ownClient.dispatcher().executorService().isShutdown()).isTrue();
    assertThat(own.toString()).endsWith("(closed)");

    OkHttpClient callers = new OkHttpClient();
    RetrofitTransport shared =
        RetrofitTransport.builder()
            .baseUrl("https://flows.example.com")
            .accessToken("t")
            .okHttpClient(callers)
            .build();
    OkHttpClient derived = httpClientOf(shared);
    assertThat(derived.connectionPool())
        .as("one pool, the caller's")
        .isSameAs(callers.connectionPool());
    assertThat(derived.dispatcher()).isSameAs(callers.dispatcher());
    shared.close();
    assertThat(callers.dispatcher().executorService().isShutdown()).isFalse();
    callers.dispatcher().executorService().shutdown();
  }

  @Test
  void ownClientHasTheDocumentedTimeouts() throws Exception {
    try (RetrofitTransport transport =
        RetrofitTransport.builder().baseUrl("https://flows.example.com").accessToken("t").build()) {
      OkHttpClient client = httpClientOf(transport);
      assertThat(client.connectTimeoutMillis()).isEqualTo(10_000);
      assertThat(client.readTimeoutMillis()).isEqualTo(30_000);
      assertThat(client.writeTimeoutMillis()).isEqualTo(30_000);
    }
    try (RetrofitTransport transport =
        RetrofitTransport.builder()
            .baseUrl("https://flows.example.com")
            .accessToken("t")
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(3))
            .build()) {
      OkHttpClient client = httpClientOf(transport);
      assertThat(client.connectTimeoutMillis()).isEqualTo(2_000);
      assertThat(client.readTimeoutMillis()).isEqualTo(3_000);
    }
  }

  private static OkHttpClient httpClientOf(RetrofitTransport transport)
      throws ReflectiveOperationException {
    Field http = RetrofitTransport.class.getDeclaredField("http");
    http.setAccessible(true);
    return (OkHttpClient) http.get(transport);
  }
}
