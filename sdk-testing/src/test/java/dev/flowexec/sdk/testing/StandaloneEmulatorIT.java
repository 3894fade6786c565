package dev.flowexec.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.internal.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone jar that {@code mvn package} built, run as a real process: started, driven with
 * the SDK and with raw HTTP (the API and the control API), and stopped with SIGTERM.
 */
class StandaloneEmulatorIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final LaunchRequest REQUEST =
      LaunchRequest.builder()
          .flowId("abc-123")
          .participants(Participant.of("user-456", Role.USER, Channel.of("web")))
          .channelType(Channel.of("web"))
          .startNode("Greeting")
          .build();

  @Test
  void runsAsAProcessDrivenByTheSdkAndRawHttpAndStopsOnSigterm() throws Exception {
    Emulator emulator =
        Emulator.start(
            "--port",
            "0",
            "--flow",
            "abc-123:3:Start,Greeting,End",
            "--client",
            "my-client:my-secret:flow:execute,flow:execution:read",
            "--queued",
            "1m",
            "--running",
            "1m");
    try {
      String url = emulator.url;
      assertThat(emulator.banner)
          .contains("client my-client  scopes flow:execute flow:execution:read")
          .contains("flow abc-123  version 3: Start, Greeting, End")
          .contains("control API:  " + url + "/__emulator")
          .doesNotContain("my-secret");

      // The SDK, with a fault scripted over the control API on the way.
      assertThat(
              post(
                      url + "/__emulator/faults",
                      "{\"type\": \"status\", \"status\": 503, \"count\": 2}")
                  .body())
          .isEqualTo("{\"pending\":2}");
      FlowExecution launched;
      try (FlowExecutionsClient client =
          FlowExecutionsClient.builder()
              .transport(
                  RetrofitTransport.builder()
                      .baseUrl(url)
                      .credentials("my-client", "my-secret")
                      .build())
              .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).build())
              .build()) {
        launched = client.launch(REQUEST);
        assertThat(launched.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(launched.flowVersion()).hasValue("3");

        // Two minutes of lifecycle pass with one control request instead of a wait.
        post(url + "/__emulator/clock/advance", "{\"duration\": \"PT2M\"}");
        assertThat(client.get(launched.flowExecutionId()).status())
            .isEqualTo(ExecutionStatus.COMPLETED);
      }

      // Raw HTTP: the token endpoint, the API, and what the control API recorded.
      HttpResponse<String> token =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + "/oauth/token"))
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  "my-client:my-secret".getBytes(StandardCharsets.UTF_8)))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "grant_type=client_credentials&scope=flow:execute"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).isEqualTo(200);
      String accessToken = (String) json(token.body()).get("access_token");
      HttpResponse<String> invalid =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + "/api/v2/flows/executions"))
                  .header("Authorization", "Bearer " + accessToken)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"flow_id\": \"abc-123\", \"participant_id\": \"user-456\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(invalid.statusCode()).isEqualTo(400);
      assertThat(invalid.body())
          .contains("\"field\":\"participant_id\",\"issue\":\"unknown_field\"");

      Map<String, Object> executions = json(get(url + "/__emulator/executions").body());
      assertThat((List<?>) executions.get("executions"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(((Map<?, ?>) e).get("flow_execution_id"))
                    .isEqualTo(launched.flowExecutionId());
                assertThat(((Map<?, ?>) e).get("status")).isEqualTo("COMPLETED");
                assertThat(((Number) ((Map<?, ?>) e).get("launch_attempts")).intValue())
                    .isEqualTo(3);
              });
      String requests = get(url + "/__emulator/requests").body();
      assertThat(requests)
          .contains("\"path\":\"/oauth/token\"")
          .contains("Basic [redacted]")
          .contains("Bearer [redacted]")
          .doesNotContain(accessToken);

      // A second emulator on the same port cannot start: status 1 and the reason.
      Emulator clash = Emulator.run("--port", url.substring(url.lastIndexOf(':') + 1));
      assertThat(clash.exitCode).isEqualTo(1);
      assertThat(clash.stderr).contains("cannot listen on 127.0.0.1:").contains("try --port 0");

      assertThat(emulator.stop()).isEqualTo(143); // 128 + SIGTERM, as the JVM exits on it
      assertThat(emulator.outputUntil("flowexec emulator stopped"))
          .endsWith("flowexec emulator stopped\n");
    } finally {
      emulator.kill();
    }
  }

  @Test
  void readsAConfigFile(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("emulator.json");
    Files.writeString(
        config,
        "{\"port\": 0,"
            + " \"clients\": [{\"id\": \"ci\", \"secret\": \"ci-secret\", \"scopes\": [\"flow:execute\"]}],"
            + " \"flows\": [{\"id\": \"broken\", \"versions\": [{\"version\": \"1\", \"nodes\": [\"Start\"]}],"
            + "   \"outcome\": {\"status\": \"FAILED\", \"code\": \"boom\", \"message\": \"it broke\"}},"
            + "  {\"id\": \"draft\"}],"
            + " \"lifecycle\": {\"queued\": \"0s\", \"running\": \"0s\"}}");
    Emulator emulator =
        Emulator.start("--config", config.toString(), "--client", "extra:x:flow:read");
    try {
      assertThat(emulator.banner)
          .contains("client ci  scopes flow:execute")
          .contains("client extra  scopes flow:read")
          .contains("flow draft  unpublished");
      Map<String, Object> summary = json(get(emulator.url + "/__emulator").body());
      assertThat((List<?>) summary.get("flows")).hasSize(2);
      assertThat(summary.toString()).contains("FAILED");
    } finally {
      emulator.kill();
    }
  }

  @Test
  void aBadCommandLineExitsWithStatus2AndSaysWhy() throws Exception {
    Emulator badFlow = Emulator.run("--flow", "abc-123");
    assertThat(badFlow.exitCode).isEqualTo(2);
    assertThat(badFlow.stderr)
        .contains("--flow abc-123 is not ID:VERSION:NODES")
        .contains("abc-123:3:Start,Greeting,End");

    Emulator unknown = Emulator.run("--verbose");
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.stderr).contains("unknown option --verbose (see --help)");

    Emulator missingFile = Emulator.run("--config", "/no/such/emulator.json");
    assertThat(missingFile.exitCode).isEqualTo(2);
    assertThat(missingFile.stderr).contains("no such file");

    Emulator help = Emulator.run("--help");
    assertThat(help.exitCode).isZero();
    assertThat(help.stdout)
        .contains("Usage: java -jar flowexec-emulator.jar")
        .contains("--config FILE");
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) JsonParser.parse(text);
  }

  /** One run of the jar. */
  private static final class Emulator {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    String url;
    String banner = "";
    int exitCode = -1;
    String stdout = "";
    String stderr = "";

    private Emulator(Process process) {
      this.process = process;
    }

    private static ProcessBuilder command(String... args) {
      String jar = System.getProperty("flowexec.emulator.jar");
      assertThat(jar).as("the failsafe configuration names the jar").isNotNull();
      assertThat(Path.of(jar)).as("mvn package builds it").exists();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(jar);
      command.addAll(List.of(args));
      return new ProcessBuilder(command);
    }

    /** Starts it and waits (bounded) for the line with its URL. */
    static Emulator start(String... args) throws Exception {
      Emulator e = new Emulator(command(args).redirectErrorStream(true).start());
      Thread reader = new Thread(() -> e.pump(e.process.getInputStream()), "emulator-stdout");
      reader.setDaemon(true);
      reader.start();
      StringBuilder banner = new StringBuilder();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        String line = e.lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          e.kill();
          throw new AssertionError(
              "the emulator did not start within " + START_TIMEOUT + ": " + banner);
        }
        banner.append(line).append('\n');
        if (line.startsWith("flowexec emulator ") && line.contains(" listening on ")) {
          e.url = line.substring(line.lastIndexOf(' ') + 1);
        }
        if (line.startsWith("Stop with Ctrl-C")) {
          e.banner = banner.toString();
          return e;
        }
      }
    }

    /** Runs it to its end (bounded) and keeps its output. */
    static Emulator run(String... args) throws Exception {
      Path out = Files.createTempFile("emulator", ".out");
      Path err = Files.createTempFile("emulator", ".err");
      Emulator e =
          new Emulator(
              command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start());
      try {
        assertThat(e.process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            .as("it ends by itself")
            .isTrue();
        e.exitCode = e.process.exitValue();
        e.stdout = Files.readString(out);
        e.stderr = Files.readString(err);
        return e;
      } finally {
        e.kill();
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }

    private void pump(InputStream in) {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }

    /** Sends SIGTERM and waits (bounded) for the exit status. */
    int stop() throws InterruptedException {
      // SIGTERM on Unix. Not Process.destroy(): that also closes our end of its stdout.
      assertThat(process.toHandle().destroy()).isTrue();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("it stops on SIGTERM").isTrue();
      return process.exitValue();
    }

    /** The output from here to the line {@code last} (or what came in 10 s). */
    String outputUntil(String last) throws InterruptedException {
      StringBuilder sb = new StringBuilder();
      String line;
      while ((line = lines.poll(10, TimeUnit.SECONDS)) != null) {
        sb.append(line).append('\n');
        if (line.equals(last)) {
          break;
        }
      }
      return sb.toString();
    }

    void kill() {
      process.destroyForcibly();
    }
  }
}
