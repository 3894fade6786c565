package dev.flowexec.sdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {
  private static final String SECRET = "a: %+ é€ b";

  private static ClientCredentials.Builder builder() {
    return ClientCredentials.builder()
        .tokenUrl("https://login.example.com/oauth2/v2.0/token")
        .clientId("client one")
        .clientSecret(SECRET);
  }

  @Test
  void basicEncodesIdAndSecretPerRfc6749() {
    TokenRequest request = builder().build().tokenRequest();

    String pair =
        new String(
            Base64.getDecoder().decode(request.headers().get("Authorization").substring(6)),
            StandardCharsets.UTF_8);
    assertThat(pair).isEqualTo("client+one:a%3A+%25%2B+%C3%A9%E2%82%AC+b");
    assertThat(request.body())
        .isEqualTo("grant_type=client_credentials&scope=flow%3Aexecute+flow%3Aexecution%3Aread");
    assertThat(request.headers()).containsEntry("Content-Type", TokenRequest.FORM_CONTENT_TYPE);
  }

  @Test
  void postPutsTheCredentialsInTheBodyAfterTheParameters() {
    TokenRequest request =
        builder()
            .authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
            .scopes("api://flows/.default")
            .scopeCheck(ScopeCheck.off())
            .tokenParameter("resource", "api://flows")
            .build()
            .tokenRequest();

    assertThat(request.headers()).doesNotContainKey("Authorization");
    assertThat(URLDecoder.decode(request.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "grant_type=client_credentials"
                + "&scope=api://flows/.default&resource=api://flows&client_id=client one&client_secret="
                + SECRET);
    assertThat(request.toString()).doesNotContain("%C3%A9%E2%82%AC").contains("<redacted>");
  }

  @Test
  void reservedParametersCannotBeSet() {
    for (String name :
        List.of(
            "grant_type",
            "GRANT_TYPE",
            "scope",
            "client_id",
            "client_secret",
            "client_assertion")) {
      assertThatThrownBy(() -> builder().tokenParameter(name, "x"))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(
              "token parameter " + name + " is set by the SDK and cannot be overridden");
    }
    assertThatThrownBy(() -> builder().tokenParameter(" ", "x"))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingSettingsSayWhatToSet() {
    assertThatThrownBy(() -> ClientCredentials.builder().clientId("a").clientSecret("b").build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokenUrl is not set");
    assertThatThrownBy(
            () ->
                ClientCredentials.builder()
                    .tokenUrl("https://x.example/token")
                    .clientId("a")
                    .build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clientSecret is not set");
    assertThatThrownBy(() -> builder().clientSecret(""))
        .isExactlyInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().scopes(List.of()))
        .isExactlyInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().scopes("two words"))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenUrlIsHttpsOrLoopback() {
    assertThat(ClientCredentials.builder().tokenUrl("http://127.0.0.1:8080/token")).isNotNull();
    assertThat(ClientCredentials.builder().tokenUrl("http://[::1]:8080/token")).isNotNull();
    assertThat(ClientCredentials.builder().tokenUrl("http://localhost/token")).isNotNull();
    assertThatThrownBy(() -> ClientCredentials.builder().tokenUrl("http://10.0.0.1/token"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use https");
    assertThatThrownBy(
            () -> ClientCredentials.builder().tokenUrl("https://login.example.com/token?p=x"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query or fragment");
    assertThatThrownBy(() -> ClientCredentials.builder().tokenUrl("ftp://login.example.com/token"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http or https URL");
  }

  @Test
  void valueSemanticsAndNoSecretInToString() {
    ClientCredentials one = builder().tokenParameter("audience", "x").build();
    ClientCredentials two = builder().tokenParameter("audience", "x").build();

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one)
        .isNotEqualTo(builder().clientSecret("other").tokenParameter("audience", "x").build());
    assertThat(one.toString()).contains("client one").contains("audience").doesNotContain(SECRET);
    assertThat(builder().toString()).doesNotContain(SECRET);
  }

  @Test
  void redactionCoversEverySpellingOfTheSecret() {
    ClientCredentials credentials = builder().build();
    String basic = credentials.basicAuthorization().substring(6);

    assertThat(credentials.redact("x " + SECRET + " y a%3A+%25%2B+%C3%A9%E2%82%AC+b " + basic))
        .isEqualTo("x <redacted> y <redacted> <redacted>");
    ClientCredentials tiny = builder().clientSecret("ab").build();
    assertThat(tiny.redact("about ab")).doesNotContain("ab");
  }

  @Test
  void scopeCheckRules() {
    assertThatThrownBy(() -> builder().scopes("api://flows/.default").build())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ScopeCheck.off()");
    ScopeCheck mapping =
        ScopeCheck.mapping(Map.of("api://flows/.default", List.of("flow:execute")));
    assertThat(builder().scopes("api://flows/.default").scopeCheck(mapping).build().scopeCheck())
        .isEqualTo(mapping);
    assertThat(mapping.translate(List.of("api://flows/.default")))
        .hasValueSatisfying(
            s -> assertThat(s).containsExactly("api://flows/.default", "flow:execute"));
    assertThat(ScopeCheck.off().translate(List.of("flow:execute"))).isEmpty();
    assertThat(ScopeCheck.contract().translate(List.of("profile", "flow:execute")))
        .hasValueSatisfying(s -> assertThat(s).containsExactly("profile", "flow:execute"));
    assertThatThrownBy(() -> ScopeCheck.mapping(Map.of()))
        .isExactlyInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScopeCheck.mapping(Map.of("a", List.of("admin"))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a contract scope");
    assertThat(mapping.toString()).startsWith("ScopeCheck.mapping(");
  }
}
