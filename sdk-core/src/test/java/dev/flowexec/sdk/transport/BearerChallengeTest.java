package dev.flowexec.sdk.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {
  private static Map<String, String> params(String header) {
    Optional<Map<String, String>> parsed = BearerChallenge.parse(header);
    assertThat(parsed).as("a Bearer challenge in %s", header).isPresent();
    return parsed.get();
  }

  @Test
  void theContractsThreeChallenges() {
    assertThat(params("Bearer realm=\"flows\"")).containsExactly(Map.entry("realm", "flows"));
    assertThat(
            params(
                "Bearer realm=\"flows\", error=\"invalid_token\", error_description=\"The token expired\""))
        .containsEntry("error", "invalid_token")
        .containsEntry("error_description", "The token expired");
    assertThat(
            params(
                "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\"flow:execute flow:execution:write\""))
        .containsEntry("scope", "flow:execute flow:execution:write");
  }

  @Test
  void schemeIsCaseInsensitiveAndNamesAreLowerCased() {
    assertThat(params("bearer realm=x")).containsEntry("realm", "x");
    assertThat(params("BEARER Error=\"invalid_token\"")).containsEntry("error", "invalid_token");
  }

  @Test
  void paramsInAnyOrderWithOrWithoutSpaces() {
    assertThat(params("Bearer scope=\"a b\",error=insufficient_scope ,realm = \"r\""))
        .containsEntry("scope", "a b")
        .containsEntry("error", "insufficient_scope")
        .containsEntry("realm", "r");
  }

  @Test
  void quotedStringsWithEscapesAndCommas() {
    assertThat(
            params(
                "Bearer error_description=\"say \\\"no\\\", twice, \\\\ done\", error=invalid_token"))
        .containsEntry("error_description", "say \"no\", twice, \\ done")
        .containsEntry("error", "invalid_token");
  }

  @Test
  void tokenValues() {
    assertThat(params("Bearer error=invalid_token, realm=flows"))
        .containsExactly(Map.entry("error", "invalid_token"), Map.entry("realm", "flows"));
  }

  @Test
  void otherChallengesAreSkipped() {
    assertThat(params("Basic realm=\"x\", Bearer realm=\"flows\", error=\"invalid_token\""))
        .containsExactly(Map.entry("realm", "flows"), Map.entry("error", "invalid_token"));
    assertThat(params("Basic realm=\"a, b\", charset=\"UTF-8\", Bearer error=invalid_token"))
        .containsExactly(Map.entry("error", "invalid_token"));
    assertThat(params("Negotiate, Basic dXNlcjpwYXNz==, Bearer scope=\"s\""))
        .containsExactly(Map.entry("scope", "s"));
    assertThat(params("Bearer realm=a, Basic realm=b")).containsExactly(Map.entry("realm", "a"));
    assertThat(params("Bearer")).isEmpty();
    assertThat(params("Basic realm=\"x\", Bearer")).isEmpty();
  }

  @Test
  void noBearerIsEmpty() {
    assertThat(BearerChallenge.parse("Basic realm=\"x\"")).isEmpty();
    assertThat(BearerChallenge.parse("")).isEmpty();
    assertThat(BearerChallenge.parse(null)).isEmpty();
    assertThat(BearerChallenge.parse("Bearerx realm=a")).isEmpty();
    assertThat(BearerChallenge.parse("Basic realm=\"Bearer realm=x\"")).isEmpty();
  }

  @Test
  void malformedInputDoesNotThrow() {
    for (String header :
        new String[] {
          "=",
          "\"",
          "Bearer realm=\"unterminated",
          "Bearer realm=",
          "Bearer ==,,\"\"",
          "Bearer realm=\"x\\",
          ",,,",
          "Bearer a=b=c",
          "\"Bearer\" realm=x",
          "Bearer realm=\"a\"b\", error=x"
        }) {
      assertTimeoutPreemptively(Duration.ofSeconds(1), () -> BearerChallenge.parse(header));
    }
    assertThat(params("Bearer realm=\"unterminated")).containsEntry("realm", "unterminated");
    assertThat(params("Bearer realm=")).containsEntry("realm", "");
  }

  @Test
  void randomInputNeverThrowsOrHangs() {
    String alphabet = "Bearer Basic realm error scope =\",\\ \t\r\nabcXYZ:;/\u00e9\u0000";
    Random random = new Random(20261128L);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (int n = 0; n < 20_000; n++) {
            int length = random.nextInt(60);
            StringBuilder header = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
              header.append(
                  random.nextInt(10) == 0
                      ? (char) random.nextInt(0x3000)
                      : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            BearerChallenge.parse(header.toString())
                .ifPresent(
                    p ->
                        p.forEach(
                            (k, v) -> {
                              assertThat(k)
                                  .isNotNull()
                                  .isEqualTo(k.toLowerCase(java.util.Locale.ROOT));
                              assertThat(v).isNotNull();
                            }));
          }
        });
  }
}
