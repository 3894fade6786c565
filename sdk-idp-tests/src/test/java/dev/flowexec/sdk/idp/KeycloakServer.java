package dev.flowexec.sdk.idp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak, from the distribution Maven unpacked under {@code target/} (property {@code
 * keycloak.home}), started in dev mode on a free loopback port and configured through its admin
 * REST API. It fails loudly when it cannot start (never skips), and {@link #close()} stops it by
 * its PID (and its children's), whatever happened.
 */
final class KeycloakServer implements AutoCloseable {
  private static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("keycloak.startTimeoutSeconds", 480));
  private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

  private final Process process;
  private final Path log;
  private final String baseUrl;
  private final String adminPassword = "admin-" + UUID.randomUUID();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Duration startedIn;

  private KeycloakServer(Path home, int port, Path log) throws IOException {
    this.log = log;
    this.baseUrl = "http://127.0.0.1:" + port;
    Path javaHome = javaHome();
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", javaHome.toString());
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx448m");
    env.put(
        "JAVA_OPTS_APPEND",
        "--add-opens=java.base/java.lang=ALL-UNNAMED"); // JBoss threads on JDK 24+
    // A fresh dev database every run: an earlier run's admin (another password) would survive in
    // it.
    deleteRecursively(home.resolve("data"));
    home.resolve("bin/kc.sh").toFile().setExecutable(true);
    long start = System.nanoTime();
    this.process = builder.start();
    try {
      awaitReady();
    } catch (RuntimeException | Error failure) {
      close();
      throw failure;
    }
    this.startedIn = Duration.ofNanos(System.nanoTime() - start);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(path);
      }
    }
  }

  /** Starts Keycloak and waits until its admin API answers. */
  static KeycloakServer start() throws IOException {
    String home = System.getProperty("keycloak.home");
    if (home == null || !Files.exists(Paths.get(home, "bin", "kc.sh"))) {
      throw new IllegalStateException(
          "Keycloak is not unpacked at keycloak.home="
              + home
              + ": run the module through Maven (maven-dependency-plugin unpacks it in process-test-resources)");
    }
    Path log = Paths.get("target", "keycloak.log").toAbsolutePath();
    return new KeycloakServer(Paths.get(home), freePort(), log);
  }

  String baseUrl() {
    return baseUrl;
  }

  Duration startedIn() {
    return startedIn;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Keycloak 26 wants Java 17 or later and prefers 21+: use the newest installed JDK of 21 or
   * later, else this one.
   */
  private static Path javaHome() {
    String forced = System.getProperty("keycloak.java.home");
    if (forced != null) {
      return Paths.get(forced);
    }
    Path current = Paths.get(System.getProperty("java.home"));
    if (Runtime.version().feature() >= 21) {
      return current;
    }
    try (Stream<Path> jdks = Files.list(Paths.get("/usr/lib/jvm"))) {
      return jdks.filter(p -> Files.isExecutable(p.resolve("bin/java")))
          .filter(p -> feature(p) >= 21)
          .max(Comparator.comparingInt(KeycloakServer::feature))
          .orElse(current);
    } catch (IOException | RuntimeException none) {
      return current;
    }
  }

  private static int feature(Path jdk) {
    try {
      Optional<String> version =
          Files.readAllLines(jdk.resolve("release")).stream()
              .filter(l -> l.startsWith("JAVA_VERSION="))
              .findFirst();
      String value = version.orElse("JAVA_VERSION=\"0\"").replaceAll("[^0-9.]", "");
      return Integer.parseInt(value.split("\\.", -1)[0]);
    } catch (IOException | RuntimeException unknown) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + " before it was ready:\n" + logTail());
      }
      try {
        HttpResponse<String> master =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (master.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
    }
    throw new IllegalStateException(
        "Keycloak did not answer within "
            + START_TIMEOUT.toSeconds()
            + " s (raise -Dkeycloak.startTimeoutSeconds on a slow machine):\n"
            + logTail());
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - 40), lines.size()).stream()
          .collect(Collectors.joining("\n"));
    } catch (IOException | RuntimeException e) {
      return "(no log at " + log + ": " + e + ")";
    }
  }

  // --- the admin REST API ----------------------------------------------------------------------

  private String adminToken() {
    String form =
        "grant_type=password&client_id=admin-cli&username=admin&password="
            + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)),
            200);
    Matcher token = TOKEN.matcher(response.body());
    if (!token.find()) {
      throw new IllegalStateException("Keycloak's admin token response has no access_token");
    }
    return token.group(1);
  }

  /** POSTs JSON to an admin path and returns the created resource's id (from Location). */
  String create(String path, String json) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)),
            201);
    String location = response.headers().firstValue("Location").orElse("");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  void put(String path) {
    send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + path))
            .header("Authorization", "Bearer " + adminToken())
            .PUT(HttpRequest.BodyPublishers.noBody()),
        204);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            "Keycloak's admin API answered "
                + response.statusCode()
                + " to "
                + response.request().method()
                + " "
                + response.request().uri()
                + ": "
                + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak's admin API failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops Keycloak by its PID, and any child it started, forcibly after 20 seconds. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
