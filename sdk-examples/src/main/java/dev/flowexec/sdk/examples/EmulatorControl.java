package dev.flowexec.sdk.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code emulator} command: drives the control API of a standalone emulator ({@code java -jar
 * flowexec-emulator.jar}) at FLOWEXEC_BASE_URL, so a CLI session can script a fault, move the
 * emulator's clock and look at what it received. Plain {@link HttpClient}: the control API is not
 * part of the SDK.
 */
final class EmulatorControl {
  private static final Set<String> FAULT_OPTIONS =
      Set.of("--status", "--count", "--on", "--delay-ms", "--retry-after", "--format");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private EmulatorControl() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    String base = env.get(EnvConfig.BASE_URL);
    if (base == null || base.isBlank()) {
      throw new UsageException(
          "emulator needs "
              + EnvConfig.BASE_URL
              + ": the standalone emulator's URL, "
              + "such as http://127.0.0.1:8080");
    }
    if (args.isEmpty()) {
      throw new UsageException(
          "emulator needs a command: status, fault, clear-faults, advance, requests, "
              + "executions or reset (see --help)");
    }
    String control = base.replaceAll("/+$", "") + "/__emulator";
    List<String> rest = args.subList(1, args.size());
    String sub = args.get(0);
    switch (sub) {
      case "status":
        return send(control, "GET", "", none(sub, rest), out, err);
      case "requests":
        return send(control, "GET", "/requests", none(sub, rest), out, err);
      case "executions":
        return send(control, "GET", "/executions", none(sub, rest), out, err);
      case "reset":
        return send(control, "POST", "/reset", none(sub, rest), out, err);
      case "clear-faults":
        return send(control, "DELETE", "/faults", none(sub, rest), out, err);
      case "advance":
        RemoteCommands.Options advance =
            RemoteCommands.Options.parse("emulator advance", rest, Set.of(), Set.of(), 1);
        return send(
            control,
            "POST",
            "/clock/advance",
            "{\"duration\": \"" + duration(advance.positional().get(0)) + "\"}",
            out,
            err);
      case "fault":
        return send(control, "POST", "/faults", fault(rest), out, err);
      default:
        throw new UsageException(
            "emulator has no command \""
                + sub
                + "\": use status, fault, clear-faults, "
                + "advance, requests, executions or reset (see --help)");
    }
  }

  private static String none(String sub, List<String> rest) {
    RemoteCommands.Options.parse("emulator " + sub, rest, Set.of(), Set.of(), 0);
    return null;
  }

  /** The JSON of {@code fault TYPE [options]}, in the control API's words. */
  static String fault(List<String> rest) {
    RemoteCommands.Options options =
        RemoteCommands.Options.parse("emulator fault", rest, FAULT_OPTIONS, Set.of(), 1);
    String type = options.positional().get(0).replace('-', '_').toLowerCase(Locale.ROOT);
    StringBuilder json = new StringBuilder("{\"type\": \"").append(type).append('"');
    number(options, "--status", "status", json);
    number(options, "--count", "count", json);
    number(options, "--delay-ms", "delay_ms", json);
    number(options, "--retry-after", "retry_after_seconds", json);
    options
        .single("--format")
        .ifPresent(f -> json.append(", \"format\": \"").append(word(f, "--format")).append('"'));
    List<String> on = new ArrayList<>();
    for (String endpoint : options.all("--on")) {
      on.add('"' + word(endpoint, "--on").replace('-', '_') + '"');
    }
    if (!on.isEmpty()) {
      json.append(", \"on\": [").append(String.join(", ", on)).append(']');
    }
    return json.append('}').toString();
  }

  private static void number(
      RemoteCommands.Options options, String flag, String field, StringBuilder json) {
    options
        .single(flag)
        .ifPresent(
            value -> {
              if (!value.matches("\\d{1,9}")) {
                throw new UsageException(
                    flag + " is \"" + value + "\": give a whole number, such as " + flag + " 2");
              }
              json.append(", \"").append(field).append("\": ").append(value);
            });
  }

  private static String word(String value, String flag) {
    if (!value.matches("[A-Za-z_-]{1,40}")) {
      throw new UsageException(
          flag + " is \"" + value + "\": give a word, such as launch or http_date");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** 30s, 5m, 2h, 1d, 500ms or ISO-8601, as ISO-8601. */
  static String duration(String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n).toString();
        case "s":
          return Duration.ofSeconds(n).toString();
        case "m":
          return Duration.ofMinutes(n).toString();
        case "h":
          return Duration.ofHours(n).toString();
        default:
          return Duration.ofDays(n).toString();
      }
    }
    try {
      return Duration.parse(text).toString();
    } catch (DateTimeParseException e) {
      throw new UsageException("advance " + text + ": give a duration such as 30s, 5m, 1h or PT1H");
    }
  }

  private static int send(
      String control, String method, String path, String body, PrintStream out, PrintStream err) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(control + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      err.println(
          "error: no emulator answered at "
              + control
              + ": "
              + e.getMessage()
              + " (start one with java -jar flowexec-emulator.jar)");
      return Main.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.FAILED;
    }
    if (response.statusCode() == 404 && path.isEmpty()) {
      err.println(
          "error: "
              + control
              + " is not a control API: is it a standalone emulator (not started "
              + "with --no-admin)?");
      return Main.FAILED;
    }
    if (response.statusCode() >= 300) {
      err.println("error: " + response.statusCode() + " " + response.body());
      return Main.FAILED;
    }
    out.println(response.body().isEmpty() ? "done" : response.body());
    return Main.OK;
  }
}
