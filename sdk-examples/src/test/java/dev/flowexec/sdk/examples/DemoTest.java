package dev.flowexec.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void theDemoRunsEndToEndAndEveryCheckPasses() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long start = System.nanoTime();

    int code = new Demo(out, Duration.ofMillis(200), Duration.ofMillis(300)).run();

    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(output)
        .contains("COMPLETED", "output", "the emulator holds 1 execution")
        .contains(
            "InvalidRequestException", "participant_id     unknown_field", "channel_type  required")
        .contains(
            "InsufficientScopeException",
            "none (no HTTP call)",
            "403  error_code insufficient_scope")
        .contains("FlowNotPublishedException", "409  error_code flow_not_published")
        .contains("launches     5 (2 succeeded)", "flow_not_published 1, insufficient_scope 2")
        .contains("All 14 checks passed")
        .containsPattern("token fetches +[1-9]\\d* \\(every other call reused a cached token\\)")
        .contains("flowexec.client.token.fetches")
        .doesNotContain("UNEXPECTED")
        .doesNotContain(Demo.CLIENT_SECRET)
        .doesNotContain(Demo.READER_SECRET);
  }

  @Test
  void theDefaultCommandIsTheDemoWhenNoBaseUrlIsSet() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[0],
            Map.of(),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(code).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .startsWith("flowexec demo")
        .contains("All 14 checks passed");
  }
}
