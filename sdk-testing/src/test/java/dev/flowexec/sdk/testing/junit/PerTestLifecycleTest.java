package dev.flowexec.sdk.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

@EmulatorTest(lifecycle = EmulatorTest.Lifecycle.PER_TEST, clockStart = "2030-05-01T12:00:00Z")
@EmulatorFlow(id = "abc-123")
class PerTestLifecycleTest {
  private static final List<String> urls = new ArrayList<>();
  private FlowExecutionsEmulator fromBeforeEach;

  @BeforeEach
  void setUp(FlowExecutionsEmulator emulator) {
    fromBeforeEach = emulator;
  }

  @RepeatedTest(3)
  void eachTestGetsItsOwnEmulatorAndClock(
      FlowExecutionsEmulator emulator, TestClock clock, FlowExecutionsClient client) {
    assertThat(emulator).isSameAs(fromBeforeEach);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-01T12:00:00Z"));
    assertThat(emulator.clock()).isSameAs(clock);
    assertThat(client.launch(EmulatorTestExtensionTest.request("abc-123")).status())
        .isEqualTo(ExecutionStatus.QUEUED);
    assertThat(emulator.executionCount()).isEqualTo(1);
    assertThat(urls).doesNotContain(emulator.baseUrl());
    urls.add(emulator.baseUrl());
  }

  @AfterAll
  static void everyEmulatorWasClosed() {
    assertThat(urls).hasSize(3);
    HttpClient http = HttpClient.newHttpClient();
    for (String url : urls) {
      assertThatThrownBy(
              () ->
                  http.send(
                      HttpRequest.newBuilder(URI.create(url + "/oauth/token")).build(),
                      HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(IOException.class);
    }
  }
}
