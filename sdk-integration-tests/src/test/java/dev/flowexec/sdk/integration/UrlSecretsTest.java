package dev.flowexec.sdk.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A credential inside a URL (a password in the user info, a token in the query or fragment) never
 * appears in a message or a {@code toString()}, over both transports.
 */
class UrlSecretsTest {
  private static final String SECRET = "hunter2-s3cr3t";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://svc:" + SECRET + "@flows.example.com",
        "https://flows.example.com/?access_token=" + SECRET,
        "https://flows.example.com/#" + SECRET,
        "http://" + SECRET + "@127.0.0.1:8080"
      })
  void retrofitTransportNeverShowsIt(String url) {
    RetrofitTransport.Builder builder =
        RetrofitTransport.builder().baseUrl(url).accessToken("tok_" + "x");
    RetrofitTransport.Builder withAuthBase =
        RetrofitTransport.builder()
            .baseUrl("https://flows.example.com")
            .credentials("client", "secret_" + "y")
            .authBaseUrl(url);

    assertThat(builder.toString())
        .doesNotContain(SECRET)
        .containsAnyOf("flows.example.com", "127.0.0.1");
    assertThat(withAuthBase.toString()).doesNotContain(SECRET);
    assertThat(catchThrowable(builder::build))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET);
    assertThat(catchThrowable(withAuthBase::build))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://svc:" + SECRET + "@flows.example.com",
        "https://flows.example.com/?access_token=" + SECRET,
        "http://" + SECRET + "@127.0.0.1:8080"
      })
  void httpClientTransportNeverShowsIt(String url) {
    Throwable refused =
        catchThrowable(
            () -> new HttpClientTransport(URI.create(url), AccessTokenProvider.of("tok")));

    assertThat(refused)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET);
  }
}
