package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.FlowApiException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The runnable jar's entry point: {@code java -jar flowexec-examples.jar [command] [options]}.
 * Without a command it runs the self-contained {@code demo}, unless FLOWEXEC_BASE_URL is set.
 *
 * <p>Exit codes: 0 done as expected; 1 the API call failed (or the demo saw something unexpected);
 * 2 the command line or the environment is wrong.
 */
public final class Main {
  /** Exit code: everything behaved as expected. */
  public static final int OK = 0;

  /** Exit code: a call failed, or the demo saw something it did not expect. */
  public static final int FAILED = 1;

  /** Exit code: the command line or the environment is wrong. */
  public static final int USAGE = 2;

  static final String HELP =
      String.join(
          "\n",
          "flowexec examples: launch flow executions with the flowexec Java SDK",
          "",
          "Usage: java -jar flowexec-examples.jar [command] [options]",
          "",
          "Commands:",
          "  demo                 Start an in-process emulator, launch a flow as a webhook handler would, wait",
          "                       for it, then show how each common mistake is reported. Needs no network or",
          "                       account. The default command when FLOWEXEC_BASE_URL is not set.",
          "  launch [options]     Launch an execution on FLOWEXEC_BASE_URL and print it.",
          "    --flow-id ID         the flow to run (required), such as abc-123",
          "    --user-id ID         the participant's user id (required), such as user-456",
          "    --role ROLE          USER (default), AGENT, BOT or EXTERNAL",
          "    --channel CH         a channel the participant has: voice, web, chat, sms, email, messaging;",
          "                         repeat it for several (default: the --channel-type)",
          "    --channel-type CH    the channel the execution runs on (default: the only --channel)",
          "    --input KEY=VALUE    an input_data entry, sent as a string; repeatable",
          "    --execution-id ID    flow_execution_id, the idempotency key (default: a new UUID). Launching",
          "                         again with the same id and options returns the same execution.",
          "    --name NAME          a display name",
          "    --start-node NODE    start at this node (exact, case-sensitive) instead of the start node",
          "    --flow-version V     a published version (default: the latest)",
          "    --wait               wait until the execution is COMPLETED, FAILED or CANCELLED",
          "    --timeout SECONDS    how long --wait waits (default 120)",
          "  get ID [--wait] [--timeout SECONDS]",
          "                       Print the execution with that flow_execution_id.",
          "  relay [--port N] [--flow-id ID] [--scheme standard|stripe|github]",
          "                       Serve a webhook relay on http://127.0.0.1:N/events (default port 8080).",
          "                       It verifies each delivery's signature (Standard Webhooks or Svix by default;",
          "                       the secret in FLOWEXEC_WEBHOOK_SECRET), then launches the flow once per",
          "                       delivery id, however often it is delivered. The body is {\"flow_id\": \"abc-123\",",
          "                       \"user_id\": \"user-456\", \"channel\": \"web\", \"data\": {\"order_id\": \"42\"}};",
          "                       --flow-id is used for events without flow_id. Against FLOWEXEC_BASE_URL when",
          "                       set (FLOWEXEC_WEBHOOK_SECRET is then required), else an in-process emulator",
          "                       and a demo secret. Stop it with Ctrl-C.",
          "  emulator COMMAND     Control the standalone emulator at FLOWEXEC_BASE_URL (java -jar",
          "                       flowexec-emulator.jar) through its control API:",
          "    status               what runs: clients, flows, the clock",
          "    fault TYPE           script a fault for the next launch: TYPE is status (with --status 503),",
          "                         html_bad_gateway, empty_body, slow_response (--delay-ms N), rate_limited",
          "                         (--retry-after SECONDS, --format http_date), drop_connection_before_processing",
          "                         or drop_connection_after_processing; --count N for the next N, --on",
          "                         launch|get_execution|token (repeatable) for other endpoints",
          "    clear-faults         forget every scripted or random fault",
          "    advance DURATION     move its clock (30s, 5m, 1h, PT1H): executions move on at once",
          "    requests             what it received (credentials redacted)",
          "    executions           its executions, with launch_attempts",
          "    reset                forget executions, requests and faults",
          "  help, --help, -h     Print this help.",
          "",
          "Environment (launch, get; relay when FLOWEXEC_BASE_URL is set):",
          "  FLOWEXEC_BASE_URL        the API's base URL, such as https://flows.example.com (http only to",
          "                           localhost)",
          "  FLOWEXEC_CLIENT_ID       client credentials: tokens come from {auth base}/oauth/token with",
          "  FLOWEXEC_CLIENT_SECRET   the scopes flow:execute flow:execution:read",
          "  FLOWEXEC_ACCESS_TOKEN    or a ready bearer token (not both)",
          "  FLOWEXEC_AUTH_BASE_URL   the token endpoint's base URL, if not FLOWEXEC_BASE_URL (credentials only)",
          "  FLOWEXEC_WEBHOOK_SECRET  relay: the webhook signing secret (whsec_... or GitHub's secret)",
          "  Secrets are never printed.",
          "",
          "Exit codes: 0 success; 1 the call failed (or the demo saw something unexpected);",
          "            2 wrong command line or environment.",
          "");

  private Main() {}

  /**
   * Runs a command and exits with its code.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    if (System.getProperty(WebhookRelay.NODELAY_PROPERTY) == null) {
      // Before any HttpServer exists (emulator, relay): without it, responses wait on delayed ACKs.
      System.setProperty(WebhookRelay.NODELAY_PROPERTY, "true");
    }
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs a command. The environment is passed in, so tests need no real one.
   *
   * @param args the command and its options
   * @param env the environment variables
   * @param out where results go
   * @param err where errors go
   * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> all = Arrays.asList(args);
    if (all.contains("--help") || all.contains("-h")) {
      out.print(HELP);
      return OK;
    }
    String command = all.isEmpty() ? null : all.get(0);
    List<String> rest = all.isEmpty() ? List.of() : all.subList(1, all.size());
    try {
      if (command == null) {
        if (EnvConfig.hasBaseUrl(env)) {
          throw new UsageException(
              EnvConfig.BASE_URL
                  + " is set, so there is no default command: run launch, "
                  + "get or relay against it, or demo for the self-contained demo (see --help)");
        }
        return Demo.run(out);
      }
      switch (command) {
        case "help":
          out.print(HELP);
          return OK;
        case "demo":
          if (!rest.isEmpty()) {
            throw new UsageException("demo takes no options, but got " + rest);
          }
          return Demo.run(out);
        case "launch":
        case "get":
          return remote(command, rest, env, out, err);
        case "relay":
          return WebhookRelay.runCommand(rest, env, out, err);
        case "emulator":
          return EmulatorControl.run(rest, env, out, err);
        default:
          throw new UsageException(
              "there is no command \""
                  + command
                  + "\": use demo, launch, get, relay or "
                  + "emulator (see --help)");
      }
    } catch (UsageException wrong) {
      err.println("error: " + wrong.getMessage());
      return USAGE;
    }
  }

  private static int remote(
      String command,
      List<String> args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err) {
    EnvConfig config = EnvConfig.from(env);
    config.warnings().forEach(warning -> err.println("warning: " + warning));
    Console console = new Console(out);
    ProgressListener progress = new ProgressListener(out);
    try (FlowExecutionsClient client =
        FlowExecutionsClient.builder().transport(config.transport()).listener(progress).build()) {
      console.line("endpoint", config);
      return command.equals("launch")
          ? RemoteCommands.launch(args, client, progress, console)
          : RemoteCommands.get(args, client, progress, console);
    } catch (FlowApiException failure) {
      err.println("error: the call failed");
      new Console(err).failure(failure);
      String message = failure.getMessage();
      if (message != null && message.contains("\n")) {
        err.println(message.substring(message.indexOf('\n') + 1));
      }
      return FAILED;
    }
  }
}
