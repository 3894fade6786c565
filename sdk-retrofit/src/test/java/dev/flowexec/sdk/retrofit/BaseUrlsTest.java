package dev.flowexec.sdk.retrofit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlsTest {
  @ParameterizedTest
  @ValueSource(strings = {"localhost", "::1", "127.0.0.1", "127.255.255.254"})
  void loopbackHosts(String host) {
    assertThat(BaseUrls.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.example.com",
        "127.0.0",
        "10.0.0.1",
        "localhost.example.com",
        "::2",
        "1127.0.0.1"
      })
  void otherHosts(String host) {
    assertThat(BaseUrls.isLoopback(host)).isFalse();
  }

  @Test
  void pathGetsATrailingSlash() {
    assertThat(BaseUrls.parse("baseUrl", "https://h.example.com/a/b").toString())
        .isEqualTo("https://h.example.com/a/b/");
    assertThat(BaseUrls.parse("baseUrl", "https://h.example.com").toString())
        .isEqualTo("https://h.example.com/");
    assertThat(BaseUrls.parse("baseUrl", " https://h.example.com/a/ ").toString())
        .isEqualTo("https://h.example.com/a/");
  }

  @Test
  void refusesQueries() {
    assertThatThrownBy(() -> BaseUrls.parse("baseUrl", "https://h.example.com/?x=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query");
  }
}
