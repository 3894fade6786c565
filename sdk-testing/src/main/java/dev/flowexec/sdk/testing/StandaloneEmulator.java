package dev.flowexec.sdk.testing;

import dev.flowexec.sdk.testing.internal.AdminHandler;
import dev.flowexec.sdk.testing.internal.StandaloneConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The emulator as a program of its own, for teams whose services are not on the JVM and for trying
 * the CLI: {@code java -jar flowexec-emulator.jar --port 8080 --flow abc-123:3:Start,Greeting,End
 * --client my-client:my-secret:flow:execute,flow:execution:read}. Built by {@code mvn package} as
 * {@code sdk-testing/target/flowexec-emulator.jar} (the module jar runs it, too); it needs only a
 * JDK 11 or later.
 *
 * <p>It prints its URL and clients on start, serves the {@linkplain
 * FlowExecutionsEmulator.Builder#adminApi(boolean) control API} under {@code /__emulator} unless
 * {@code --no-admin}, and stops cleanly on Ctrl-C or SIGTERM (exit status 130 or 143, the JVM's, as
 * for any signal). A command line it cannot use exits with status 2 and says why on stderr; a port
 * it cannot listen on, with status 1. Run it with {@code --help} for every option and the config
 * file's form.
 */
public final class StandaloneEmulator {
  /** Exit status: a bad command line or config file. */
  static final int USAGE = 2;

  /** Exit status: it could not start (the port is taken, say). */
  static final int FAILED = 1;

  static final String HELP =
      String.join(
          "\n",
          "flowexec emulator: the Flow Executions API v2 and its token endpoint, on your machine",
          "",
          "Usage: java -jar flowexec-emulator.jar [options]",
          "",
          "Options:",
          "  --port N                  listen on 127.0.0.1:N (default 8080; 0 picks a free port)",
          "  --flow ID:VERSION:NODES   a flow with a published version and its node names, such as",
          "                            --flow abc-123:3:Start,Greeting,End; repeat it for more flows, or",
          "                            for more versions of one (the last is the latest)",
          "  --client ID:SECRET:SCOPES an OAuth client and the scopes it may get, such as",
          "                            --client my-client:my-secret:flow:execute,flow:execution:read",
          "  --config FILE             read settings from a JSON file (flags add to it), such as",
          "                            {\"port\": 8080,",
          "                             \"clients\": [{\"id\": \"my-client\", \"secret\": \"my-secret\",",
          "                                          \"scopes\": [\"flow:execute\", \"flow:execution:read\"]}],",
          "                             \"flows\": [{\"id\": \"abc-123\",",
          "                                        \"versions\": [{\"version\": \"3\", \"nodes\": [\"Start\", \"End\"]}],",
          "                                        \"outcome\": {\"status\": \"COMPLETED\", \"output_data\": {}}}],",
          "                             \"lifecycle\": {\"queued\": \"1s\", \"running\": \"1s\"},",
          "                             \"token_lifetime\": \"1h\",",
          "                             \"rate_limit\": {\"permits\": 10, \"window\": \"1s\", \"retry_after\": \"delay_seconds\"}}",
          "                            outcome status: COMPLETED, FAILED (with code, message), CANCELLED or",
          "                            RUNNING (never ends); a flow without versions is unpublished",
          "  --queued DURATION         how long executions stay QUEUED (default 1s)",
          "  --running DURATION        then RUNNING (default 1s); durations: 500ms, 2s, 1m, 1h, PT2S",
          "  --token-lifetime DURATION the expires_in of tokens (default 1h)",
          "  --rate-limit N/DURATION   at most N API requests per window, such as 10/1s",
          "  --no-admin                do not serve the control API under /__emulator",
          "  --version                 print the version",
          "  --help, -h                print this help",
          "",
          "Control API (JSON; never on the API paths):",
          "  GET  /__emulator                  what runs: URLs, clock, clients, flows",
          "  GET  /__emulator/requests         recorded requests (credentials redacted)",
          "  GET  /__emulator/executions       executions, with launch_attempts",
          "  POST /__emulator/faults           {\"type\": \"status\", \"status\": 503, \"count\": 2}; types:",
          "                                    status, unavailable (503 with retry_after, any text),",
          "                                    close_when_idle (idle_ms), html_bad_gateway, empty_body,",
          "                                    slow_response (delay_ms),",
          "                                    rate_limited (retry_after_seconds, format),",
          "                                    drop_connection_before_processing, drop_connection_after_processing;",
          "                                    \"on\": [\"launch\", \"get_execution\", \"token\"] (default launch)",
          "  POST /__emulator/faults/random    {\"rate\": 0.2, \"seed\": 42, \"faults\": [...]}",
          "  DELETE /__emulator/faults         forget every fault",
          "  POST /__emulator/clock/advance    {\"seconds\": 5} or {\"duration\": \"PT1M\"}",
          "  POST /__emulator/reset            forget executions, requests and faults",
          "",
          "Stop it with Ctrl-C or SIGTERM. Exit status: 2 bad options, 1 cannot start.",
          "");

  private StandaloneEmulator() {}

  /**
   * Runs the emulator until the JVM is stopped.
   *
   * @param args the options; {@code --help} lists them
   */
  public static void main(String[] args) {
    FlowExecutionsEmulator emulator = start(args, System.out, System.err);
    if (emulator == null) {
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  System.out.println("flowexec emulator stopped");
                  System.out.flush();
                  stopped.countDown();
                },
                "flowexec-emulator-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts from the command line; prints help or an error and exits for the cases that end here.
   */
  private static FlowExecutionsEmulator start(String[] args, PrintStream out, PrintStream err) {
    StandaloneConfig config;
    try {
      config = StandaloneConfig.parse(args);
    } catch (StandaloneConfig.UsageError e) {
      err.println("flowexec-emulator: " + e.getMessage());
      System.exit(USAGE);
      return null;
    }
    if (config.help()) {
      out.print(HELP);
      return null;
    }
    if (config.version()) {
      out.println("flowexec emulator " + version());
      return null;
    }
    FlowExecutionsEmulator emulator;
    try {
      // Its own JVM: the system-wide setting is the right one here.
      System.setProperty("sun.net.httpserver.nodelay", "true");
      emulator = config.builder().start();
    } catch (UncheckedIOException e) {
      err.println(
          "flowexec-emulator: "
              + e.getMessage()
              + ": "
              + e.getCause().getMessage()
              + (config.port() != 0
                  ? " (is another program on port " + config.port() + "? try --port 0)"
                  : ""));
      System.exit(FAILED);
      return null;
    } catch (IllegalArgumentException e) {
      err.println("flowexec-emulator: " + e.getMessage());
      System.exit(USAGE);
      return null;
    }
    out.print(banner(emulator, config));
    out.flush();
    return emulator;
  }

  static String banner(FlowExecutionsEmulator emulator, StandaloneConfig config) {
    String url = emulator.baseUrl();
    StringBuilder sb = new StringBuilder();
    sb.append("flowexec emulator ")
        .append(version())
        .append(" listening on ")
        .append(url)
        .append('\n');
    sb.append("  API:          ").append(url).append("/api/v2/flows/executions\n");
    sb.append("  token:        ").append(url).append("/oauth/token\n");
    if (config.adminApi()) {
      sb.append("  control API:  ").append(url).append(AdminHandler.PREFIX).append('\n');
    }
    List<StandaloneConfig.ClientInfo> clients = config.clients();
    if (clients.isEmpty()) {
      sb.append("  no clients: add one with --client ID:SECRET:flow:execute,flow:execution:read\n");
    }
    for (StandaloneConfig.ClientInfo c : clients) {
      sb.append("  client ")
          .append(c.id)
          .append("  scopes ")
          .append(c.scopes.isEmpty() ? "(none)" : String.join(" ", c.scopes))
          .append("  (secret as configured, not shown)\n");
    }
    List<Flow> flows = config.flows();
    if (flows.isEmpty()) {
      sb.append(
          "  no flows: add one with --flow ID:VERSION:NODES, such as --flow abc-123:3:Start,End\n");
    }
    for (Flow f : flows) {
      sb.append("  flow ").append(f.id());
      if (f.versions().isEmpty()) {
        sb.append("  unpublished");
      }
      for (Map.Entry<String, List<String>> v : f.versions().entrySet()) {
        sb.append("  version ")
            .append(v.getKey())
            .append(": ")
            .append(String.join(", ", v.getValue()));
      }
      sb.append('\n');
    }
    sb.append("Stop with Ctrl-C or SIGTERM.\n");
    return sb.toString();
  }

  private static String version() {
    String v = StandaloneEmulator.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }
}
