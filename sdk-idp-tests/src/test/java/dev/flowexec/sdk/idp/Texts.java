package dev.flowexec.sdk.idp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the SDK showed a person during a test (exception messages, toString and stack traces
 * with causes, transports' and providers' toString), to assert that no secret or token is in it.
 */
final class Texts {
  private final List<String> seen = new CopyOnWriteArrayList<>();

  <T extends Throwable> T record(T failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    seen.add(trace.toString());
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      seen.add(t + "\n" + t.getMessage());
    }
    return failure;
  }

  void record(Object shown) {
    seen.add(String.valueOf(shown));
  }

  /**
   * Asserts that neither the secret (as is, form-encoded, or in a Basic value) nor any token shows.
   */
  void assertNoSecret(String clientId, String secret, List<String> tokens) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                        + ":"
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
    String all = String.join("\n", seen);
    assertThat(all)
        .doesNotContain(secret)
        .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8))
        .doesNotContain(basic);
    for (String token : tokens) {
      assertThat(all).as("a token showed").doesNotContain(token);
    }
  }
}
