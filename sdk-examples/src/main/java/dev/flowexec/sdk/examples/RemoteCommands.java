package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code launch} and {@code get} commands: one call against the endpoint the environment names.
 */
final class RemoteCommands {
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);

  private static final Set<String> LAUNCH_OPTIONS =
      Set.of(
          "--flow-id",
          "--user-id",
          "--role",
          "--channel",
          "--channel-type",
          "--input",
          "--execution-id",
          "--name",
          "--start-node",
          "--flow-version",
          "--wait",
          "--timeout");
  private static final Set<String> GET_OPTIONS = Set.of("--wait", "--timeout");
  private static final Set<String> FLAGS = Set.of("--wait");

  private RemoteCommands() {}

  /** Parses {@code launch}'s options into a request; fails with a {@link UsageException}. */
  static LaunchRequest launchRequest(Options options) {
    String flowId = options.required("--flow-id");
    String userId = options.required("--user-id");
    Role role = Role.of(options.single("--role").orElse("USER").toUpperCase(Locale.ROOT));
    List<Channel> channels = new ArrayList<>();
    for (String channel : options.all("--channel")) {
      channels.add(Channel.of(channel.toLowerCase(Locale.ROOT)));
    }
    Channel channelType =
        options
            .single("--channel-type")
            .map(c -> Channel.of(c.toLowerCase(Locale.ROOT)))
            .orElse(null);
    if (channelType == null) {
      if (channels.size() != 1) {
        throw new UsageException(
            "--channel-type is missing: name the channel the execution runs on, such as "
                + "--channel-type web (it may be left out only when exactly one --channel is given)");
      }
      channelType = channels.get(0);
    }
    if (channels.isEmpty()) {
      channels.add(channelType);
    }
    Map<String, Object> input = new LinkedHashMap<>();
    for (String pair : options.all("--input")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "--input " + pair + " is not key=value: write --input order_id=42");
      }
      input.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    try {
      Participant participant =
          Participant.of(
              userId,
              role,
              channels.get(0),
              channels.subList(1, channels.size()).toArray(new Channel[0]));
      var builder =
          LaunchRequest.builder()
              .flowId(flowId)
              .participants(participant)
              .channelType(channelType)
              .putAllInputData(input);
      options.single("--execution-id").ifPresent(builder::flowExecutionId);
      options.single("--name").ifPresent(builder::name);
      options.single("--start-node").ifPresent(builder::startNode);
      options.single("--flow-version").ifPresent(builder::flowVersion);
      return builder.build();
    } catch (RequestValidationException invalid) {
      throw new UsageException("the launch request is invalid: " + invalid.getMessage());
    }
  }

  static int launch(
      List<String> args, FlowExecutionsClient client, ProgressListener progress, Console out) {
    Options options = Options.parse("launch", args, LAUNCH_OPTIONS, FLAGS, 0);
    LaunchRequest request = launchRequest(options);
    Duration wait = options.seconds("--timeout", DEFAULT_WAIT);
    out.line(
        "launching",
        "flow "
            + request.flowId()
            + " on "
            + request.channelType()
            + " for "
            + request.participants().get(0).userId()
            + " ("
            + request.participants().get(0).role()
            + ")");
    out.line(
        "execution",
        request.flowExecutionId()
            + "  (launching again with --execution-id "
            + request.flowExecutionId()
            + " never starts a second one)");
    FlowExecution execution = client.launch(request);
    return show(client, execution, options.has("--wait"), wait, progress, out);
  }

  static int get(
      List<String> args, FlowExecutionsClient client, ProgressListener progress, Console out) {
    Options options = Options.parse("get", args, GET_OPTIONS, FLAGS, 1);
    FlowExecution execution = client.get(options.positional().get(0));
    return show(
        client,
        execution,
        options.has("--wait"),
        options.seconds("--timeout", DEFAULT_WAIT),
        progress,
        out);
  }

  private static int show(
      FlowExecutionsClient client,
      FlowExecution execution,
      boolean wait,
      Duration timeout,
      ProgressListener progress,
      Console out) {
    if (wait && !execution.isFinal()) {
      progress.watch("waiting", execution);
      try {
        execution = client.awaitCompletion(execution.flowExecutionId(), timeout);
      } finally {
        progress.done();
      }
    }
    out.execution(execution);
    return 0;
  }

  /**
   * Command-line options: {@code --name value}, {@code --name=value}, flags, and positional
   * arguments.
   */
  static final class Options {
    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options(String command) {
      this.command = command;
    }

    static Options parse(
        String command, List<String> args, Set<String> known, Set<String> flags, int positionals) {
      Options options = new Options(command);
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (!arg.startsWith("--")) {
          options.positional.add(arg);
          continue;
        }
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (!known.contains(name)) {
          throw new UsageException(
              command
                  + " has no option "
                  + name
                  + "; its options are "
                  + String.join(" ", new java.util.TreeSet<>(known))
                  + " (see --help)");
        }
        String value;
        if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
        } else if (flags.contains(name)) {
          value = "true";
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException(name + " needs a value, such as " + name + " " + example(name));
        }
        options.values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
      if (options.positional.size() != positionals) {
        throw new UsageException(
            positionals == 0
                ? command + " takes no arguments besides options, but got " + options.positional
                : command
                    + " takes "
                    + positionals
                    + " argument (the execution id): "
                    + command
                    + " <flow_execution_id>");
      }
      return options;
    }

    List<String> positional() {
      return positional;
    }

    boolean has(String name) {
      return values.containsKey(name);
    }

    List<String> all(String name) {
      return values.getOrDefault(name, List.of());
    }

    java.util.Optional<String> single(String name) {
      List<String> given = all(name);
      if (given.size() > 1) {
        throw new UsageException(name + " is given " + given.size() + " times; give it once");
      }
      return given.stream().findFirst();
    }

    String required(String name) {
      return single(name)
          .orElseThrow(
              () ->
                  new UsageException(
                      command + " needs " + name + ", such as " + name + " " + example(name)));
    }

    Duration seconds(String name, Duration otherwise) {
      java.util.Optional<String> value = single(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      try {
        long seconds = Long.parseLong(value.get());
        if (seconds > 0) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
      throw new UsageException(
          name + " is \"" + value.get() + "\": give a positive number of seconds, such as 60");
    }

    private static String example(String name) {
      switch (name) {
        case "--flow-id":
          return "abc-123";
        case "--user-id":
          return "user-456";
        case "--role":
          return "USER";
        case "--channel":
        case "--channel-type":
          return "web";
        case "--input":
          return "order_id=42";
        case "--timeout":
          return "60";
        default:
          return "VALUE";
      }
    }
  }
}
