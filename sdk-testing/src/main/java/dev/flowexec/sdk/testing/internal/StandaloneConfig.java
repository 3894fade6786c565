package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.Outcome;
import dev.flowexec.sdk.testing.RetryAfterFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone emulator's settings, from its command line and an optional JSON config file. Every
 * mistake is a {@link UsageError} that says what was wrong and how to write it.
 */
public final class StandaloneConfig {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** A command line or config file that cannot be used; its message is for the person. */
  public static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** One registered client, for printing (never its secret). */
  public static final class ClientInfo {
    /** The client id. */
    public final String id;

    /** Its scopes. */
    public final Set<String> scopes;

    ClientInfo(String id, Set<String> scopes) {
      this.id = id;
      this.scopes = scopes;
    }
  }

  private int port = 8080;
  private boolean help;
  private boolean version;
  private boolean adminApi = true;
  private final Map<String, Flow> flows = new LinkedHashMap<>();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final Map<String, ClientInfo> clients = new LinkedHashMap<>();
  private Duration queuedFor;
  private Duration runningFor;
  private Duration tokenLifetime;
  private int ratePermits;
  private Duration rateWindow;
  private RetryAfterFormat rateFormat = RetryAfterFormat.DELAY_SECONDS;

  private StandaloneConfig() {}

  /**
   * Reads the command line (and the config file it names).
   *
   * @param args the arguments
   * @return the settings
   * @throws UsageError if they cannot be used
   */
  public static StandaloneConfig parse(String... args) {
    StandaloneConfig config = new StandaloneConfig();
    List<String> list = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) { // --port=8080 is --port 8080
        list.add(arg.substring(0, eq));
        list.add(arg.substring(eq + 1));
      } else {
        list.add(arg);
      }
    }
    // The file first, so that flags on the command line add to it or override it.
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equals("--config")) {
        config.readFile(value(list, i));
      }
    }
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      switch (arg) {
        case "--help":
        case "-h":
          config.help = true;
          break;
        case "--version":
          config.version = true;
          break;
        case "--no-admin":
          config.adminApi = false;
          break;
        case "--config":
          i++;
          break;
        case "--port":
          config.port = port(value(list, i++), "--port");
          break;
        case "--flow":
          config.flowFlag(value(list, i++));
          break;
        case "--client":
          config.clientFlag(value(list, i++));
          break;
        case "--queued":
          config.queuedFor = duration(value(list, i++), "--queued");
          break;
        case "--running":
          config.runningFor = duration(value(list, i++), "--running");
          break;
        case "--token-lifetime":
          config.tokenLifetime =
              positive(duration(value(list, i++), "--token-lifetime"), "--token-lifetime");
          break;
        case "--rate-limit":
          config.rateLimitFlag(value(list, i++));
          break;
        default:
          throw new UsageError(
              arg.startsWith("-")
                  ? "unknown option " + arg + " (see --help)"
                  : "unexpected argument "
                      + arg
                      + ": options start with --, such as --flow "
                      + arg);
      }
    }
    return config;
  }

  private static String value(List<String> args, int i) {
    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
      throw new UsageError(args.get(i) + " needs a value (see --help)");
    }
    return args.get(i + 1);
  }

  private void flowFlag(String spec) {
    String[] parts = spec.split(":", 3);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new UsageError(
          "--flow "
              + spec
              + " is not ID:VERSION:NODES: write --flow "
              + "abc-123:3:Start,Greeting,End");
    }
    addVersion(parts[0], parts[1], List.of(parts[2].split(",")));
  }

  private void addVersion(String id, String version, List<String> nodes) {
    for (String node : nodes) {
      if (node.isBlank()) {
        throw new UsageError("flow " + id + " version " + version + " has an empty node name");
      }
    }
    flows.put(
        id,
        flows
            .getOrDefault(id, Flow.withId(id))
            .publishedVersion(version, nodes.toArray(new String[0])));
  }

  private void clientFlag(String spec) {
    String[] parts = spec.split(":", 3);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new UsageError(
          "--client is not ID:SECRET:SCOPES: write --client "
              + "my-client:my-secret:flow:execute,flow:execution:read");
    }
    Set<String> scopes = new LinkedHashSet<>();
    if (parts.length == 3) {
      for (String scope : parts[2].split(",", -1)) {
        if (!scope.isBlank()) {
          scopes.add(scope.trim());
        }
      }
    }
    addClient(parts[0], parts[1], scopes);
  }

  private void addClient(String id, String secret, Set<String> scopes) {
    secrets.put(id, secret);
    clients.put(id, new ClientInfo(id, scopes));
  }

  private void rateLimitFlag(String spec) {
    int slash = spec.indexOf('/');
    if (slash <= 0) {
      throw new UsageError(
          "--rate-limit " + spec + " is not PERMITS/WINDOW: write --rate-limit 10/1s");
    }
    ratePermits = positiveInt(spec.substring(0, slash), "--rate-limit");
    rateWindow = positive(duration(spec.substring(slash + 1), "--rate-limit"), "--rate-limit");
  }

  @SuppressWarnings("unchecked")
  private void readFile(String file) {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageError("--config " + file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new UsageError("--config " + file + " cannot be read: " + e.getMessage());
    }
    Object json;
    try {
      json = JsonParser.parse(text);
    } catch (MalformedJsonException e) {
      throw new UsageError("--config " + file + " is not JSON: " + e.getMessage());
    }
    if (!(json instanceof Map)) {
      throw new UsageError("--config " + file + " must hold a JSON object");
    }
    Map<String, Object> root = (Map<String, Object>) json;
    for (Map.Entry<String, Object> e : root.entrySet()) {
      String where = file + ": " + e.getKey();
      Object v = e.getValue();
      switch (e.getKey()) {
        case "port":
          port = port(String.valueOf(v), where);
          break;
        case "admin_api":
          adminApi = Boolean.TRUE.equals(v);
          break;
        case "clients":
          for (Object c : list(v, where)) {
            Map<String, Object> client = object(c, where + "[]");
            Set<String> scopes = new LinkedHashSet<>();
            for (Object s : list(client.getOrDefault("scopes", List.of()), where + "[].scopes")) {
              scopes.add(string(s, where + "[].scopes[]"));
            }
            addClient(
                string(client.get("id"), where + "[].id"),
                string(client.get("secret"), where + "[].secret"),
                scopes);
          }
          break;
        case "flows":
          for (Object f : list(v, where)) {
            readFlow(object(f, where + "[]"), where);
          }
          break;
        case "lifecycle":
          Map<String, Object> lifecycle = object(v, where);
          if (lifecycle.containsKey("queued")) {
            queuedFor =
                duration(string(lifecycle.get("queued"), where + ".queued"), where + ".queued");
          }
          if (lifecycle.containsKey("running")) {
            runningFor =
                duration(string(lifecycle.get("running"), where + ".running"), where + ".running");
          }
          break;
        case "token_lifetime":
          tokenLifetime = positive(duration(string(v, where), where), where);
          break;
        case "rate_limit":
          Map<String, Object> rate = object(v, where);
          ratePermits = positiveInt(String.valueOf(rate.get("permits")), where + ".permits");
          rateWindow =
              positive(
                  duration(
                      string(rate.getOrDefault("window", "1s"), where + ".window"),
                      where + ".window"),
                  where + ".window");
          String format =
              string(rate.getOrDefault("retry_after", "delay_seconds"), where + ".retry_after");
          try {
            rateFormat = RetryAfterFormat.valueOf(format.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException bad) {
            throw new UsageError(
                where + ".retry_after is delay_seconds or http_date, not " + format);
          }
          break;
        default:
          throw new UsageError(
              where
                  + " is not a setting: use port, clients, flows, lifecycle, "
                  + "token_lifetime, rate_limit or admin_api");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void readFlow(Map<String, Object> flow, String where) {
    String id = string(flow.get("id"), where + "[].id");
    flows.putIfAbsent(id, Flow.withId(id)); // no versions: an unpublished flow
    for (Object v : list(flow.getOrDefault("versions", List.of()), where + "[].versions")) {
      Map<String, Object> version = object(v, where + "[].versions[]");
      List<String> nodes = new ArrayList<>();
      for (Object n :
          list(version.getOrDefault("nodes", List.of("Start")), where + "[].versions[].nodes")) {
        nodes.add(string(n, where + "[].versions[].nodes[]"));
      }
      addVersion(id, string(version.get("version"), where + "[].versions[].version"), nodes);
    }
    Object outcome = flow.get("outcome");
    if (outcome != null) {
      Map<String, Object> o = object(outcome, where + "[].outcome");
      String status = string(o.get("status"), where + "[].outcome.status");
      Outcome result;
      switch (status) {
        case "COMPLETED":
          result =
              Outcome.completed(
                  o.get("output_data") == null
                      ? Map.of()
                      : object(o.get("output_data"), where + "[].outcome.output_data"));
          break;
        case "FAILED":
          result =
              Outcome.failed(
                  string(o.getOrDefault("code", "flow_failed"), where + "[].outcome.code"),
                  string(
                      o.getOrDefault("message", "the flow failed"), where + "[].outcome.message"));
          break;
        case "CANCELLED":
          result = Outcome.cancelled();
          break;
        case "RUNNING":
          result = Outcome.staysRunning();
          break;
        default:
          throw new UsageError(
              where
                  + "[].outcome.status is COMPLETED, FAILED, CANCELLED or "
                  + "RUNNING, not "
                  + status);
      }
      flows.put(id, flows.get(id).outcome(result));
    }
  }

  private static List<?> list(Object v, String where) {
    if (!(v instanceof List)) {
      throw new UsageError(where + " must be a JSON array");
    }
    return (List<?>) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object v, String where) {
    if (!(v instanceof Map)) {
      throw new UsageError(where + " must be a JSON object");
    }
    return (Map<String, Object>) v;
  }

  private static String string(Object v, String where) {
    if (!(v instanceof String) || ((String) v).isEmpty()) {
      throw new UsageError(where + " must be a non-empty string");
    }
    return (String) v;
  }

  private static int port(String text, String where) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageError(
        where + " " + text + " is not a port: use 0 to 65535 (0 picks a free one)");
  }

  private static int positiveInt(String text, String where) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageError(where + ": " + text + " is not a positive whole number");
  }

  /**
   * Reads {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT2S}).
   */
  static Duration duration(String text, String where) {
    Matcher m = SHORT_DURATION.matcher(text.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofDays(n);
      }
    }
    try {
      Duration d = Duration.parse(text.trim());
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new UsageError(
        where + " " + text + " is not a duration: write 500ms, 2s, 1m, 1h or PT2S");
  }

  private static Duration positive(Duration d, String where) {
    if (d.isZero()) {
      throw new UsageError(where + " must be more than zero");
    }
    return d;
  }

  /**
   * A builder with these settings.
   *
   * @return the builder, ready to start
   */
  public FlowExecutionsEmulator.Builder builder() {
    FlowExecutionsEmulator.Builder builder =
        FlowExecutionsEmulator.builder().port(port).adminApi(adminApi);
    clients.forEach(
        (id, c) -> builder.client(id, secrets.get(id), c.scopes.toArray(new String[0])));
    flows.values().forEach(builder::flow);
    if (queuedFor != null || runningFor != null) {
      builder.lifecycle(
          queuedFor == null ? Duration.ofSeconds(1) : queuedFor,
          runningFor == null ? Duration.ofSeconds(1) : runningFor);
    }
    if (tokenLifetime != null) {
      builder.tokenLifetime(tokenLifetime);
    }
    if (ratePermits > 0) {
      builder.rateLimit(ratePermits, rateWindow, rateFormat);
    }
    return builder;
  }

  /** Returns whether --help was asked for. */
  public boolean help() {
    return help;
  }

  /** Returns whether --version was asked for. */
  public boolean version() {
    return version;
  }

  /** Returns the port asked for. */
  public int port() {
    return port;
  }

  /** Returns whether the control API is on. */
  public boolean adminApi() {
    return adminApi;
  }

  /** Returns the clients, in order, without secrets. */
  public List<ClientInfo> clients() {
    return new ArrayList<>(clients.values());
  }

  /** Returns the flows, in order. */
  public List<Flow> flows() {
    return new ArrayList<>(flows.values());
  }
}
