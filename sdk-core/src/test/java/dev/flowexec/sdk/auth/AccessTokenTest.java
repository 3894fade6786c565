package dev.flowexec.sdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenTest {
  private static final String SECRET = "s3cr3t-T0k3n.value_XYZ";

  @Test
  void toStringNeverShowsTheValue() {
    AccessToken token =
        AccessToken.builder()
            .value(SECRET)
            .grantedScopes(Set.of("flow:execute"))
            .expiresAt(Instant.EPOCH)
            .build();
    assertThat(token.toString())
        .doesNotContain(SECRET)
        .contains("<redacted>")
        .contains("flow:execute");
    assertThat(AccessToken.of(SECRET).toString()).doesNotContain(SECRET);
    assertThat(token.value()).isEqualTo(SECRET);
  }

  @Test
  void providerToStringNeverShowsTheValue() {
    assertThat(AccessTokenProvider.of(SECRET).toString())
        .doesNotContain(SECRET)
        .contains("<redacted>");
    AccessTokenProvider provider = AccessTokenProvider.of(AccessToken.of(SECRET));
    assertThat(provider.toString()).doesNotContain(SECRET);
    assertThat(provider.token(Duration.ofSeconds(1)).value()).isEqualTo(SECRET);
    assertThat(provider.tokenAsync(Duration.ofSeconds(1)).join().value()).isEqualTo(SECRET);
    provider.invalidate(provider.token(Duration.ofSeconds(1))); // the default does nothing
    assertThat(provider.token(Duration.ofSeconds(1)).value()).isEqualTo(SECRET);
  }

  @Test
  void tokenAsyncDefaultCarriesFailures() {
    AccessTokenProvider failing =
        timeout -> {
          throw new IllegalStateException("no token");
        };
    assertThat(failing.tokenAsync(Duration.ofSeconds(1))).isCompletedExceptionally();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void refusesBlank(String value) {
    assertThatThrownBy(() -> AccessToken.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access token is blank");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer " + SECRET,
        " " + SECRET,
        SECRET + "\n",
        SECRET + "\r\nX-Evil: 1",
        "bearer " + SECRET,
        SECRET + "\u00e9"
      })
  void refusesWhitespaceAndBearerPrefixWithoutEchoingTheValue(String value) {
    assertThatThrownBy(() -> AccessToken.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass the bare token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("s3cr3t"));
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> AccessToken.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void expiryWithSkew() {
    Instant at = Instant.parse("2026-11-28T10:00:00Z");
    AccessToken token = AccessToken.builder().value("t").expiresAt(at).build();
    Duration skew = Duration.ofSeconds(30);
    assertThat(token.isExpired(at.minusSeconds(31), skew)).isFalse();
    assertThat(token.isExpired(at.minusSeconds(30), skew)).isTrue();
    assertThat(token.isExpired(at.minusSeconds(1), Duration.ZERO)).isFalse();
    assertThat(token.isExpired(at, Duration.ZERO)).isTrue();
    assertThat(token.isExpired(at.plusSeconds(1), Duration.ZERO)).isTrue();
    assertThat(AccessToken.of("t").isExpired(Instant.MAX.minusSeconds(60), skew)).isFalse();
  }

  @Test
  void equalsAndHashCode() {
    assertThat(AccessToken.of("a"))
        .isEqualTo(AccessToken.of("a"))
        .hasSameHashCodeAs(AccessToken.of("a"))
        .isNotEqualTo(AccessToken.of("b"));
    assertThat(AccessToken.builder().value("a").grantedScopes(Set.of("x")).build())
        .isNotEqualTo(AccessToken.of("a"));
  }

  @Test
  void grantedScopesAreCopied() {
    Set<String> scopes = new HashSet<>(List.of("flow:read"));
    AccessToken token = AccessToken.builder().value("t").grantedScopes(scopes).build();
    scopes.add("flow:execute");
    assertThat(token.grantedScopes()).contains(Set.of("flow:read"));
    assertThat(token.grantedScopes().orElseThrow()).isUnmodifiable();
    AccessToken copy = AccessToken.of("t").withGrantedScopes(scopes);
    scopes.clear();
    assertThat(copy.grantedScopes()).contains(Set.of("flow:read", "flow:execute"));
    assertThat(copy.grantedScopes().orElseThrow()).isUnmodifiable();
  }
}
