package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.retrofit.RetrofitTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The connection settings of {@code launch}, {@code get} and {@code relay}, read from environment
 * variables. The map is passed in (normally {@code System.getenv()}), so tests need no real
 * environment. Blank values count as unset. Secrets are kept but never shown: {@link #toString()}
 * and every message leave them out.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>FLOWEXEC_BASE_URL</td><td>the API, such as https://flows.example.com (required)</td></tr>
 *   <tr><td>FLOWEXEC_CLIENT_ID, FLOWEXEC_CLIENT_SECRET</td><td>client credentials (both or neither)</td></tr>
 *   <tr><td>FLOWEXEC_ACCESS_TOKEN</td><td>a ready token, instead of client credentials</td></tr>
 *   <tr><td>FLOWEXEC_AUTH_BASE_URL</td><td>the token endpoint's base, with client credentials only</td></tr>
 * </table>
 */
public final class EnvConfig {
  public static final String BASE_URL = "FLOWEXEC_BASE_URL";
  public static final String CLIENT_ID = "FLOWEXEC_CLIENT_ID";
  public static final String CLIENT_SECRET = "FLOWEXEC_CLIENT_SECRET";
  public static final String ACCESS_TOKEN = "FLOWEXEC_ACCESS_TOKEN";
  public static final String AUTH_BASE_URL = "FLOWEXEC_AUTH_BASE_URL";

  private static final Set<String> KNOWN =
      Set.of(BASE_URL, CLIENT_ID, CLIENT_SECRET, ACCESS_TOKEN, AUTH_BASE_URL);

  private final URI baseUrl;
  private final URI authBaseUrl;
  private final String clientId;
  private final String clientSecret;
  private final String accessToken;
  private final List<String> warnings;

  private EnvConfig(
      URI baseUrl,
      URI authBaseUrl,
      String clientId,
      String clientSecret,
      String accessToken,
      List<String> warnings) {
    this.baseUrl = baseUrl;
    this.authBaseUrl = authBaseUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.accessToken = accessToken;
    this.warnings = warnings;
  }

  /**
   * Tells whether a base URL is configured, which switches the default command from the demo.
   *
   * @param env the environment
   * @return true when FLOWEXEC_BASE_URL is set and not blank
   */
  public static boolean hasBaseUrl(Map<String, String> env) {
    return value(env, BASE_URL).isPresent();
  }

  /**
   * Reads and checks the settings.
   *
   * @param env the environment, such as {@code System.getenv()}
   * @return the settings
   * @throws UsageException when a variable is missing, contradicts another or is malformed
   */
  public static EnvConfig from(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Optional<String> base = value(env, BASE_URL);
    Optional<String> id = value(env, CLIENT_ID);
    Optional<String> secret = value(env, CLIENT_SECRET);
    Optional<String> token = value(env, ACCESS_TOKEN);
    Optional<String> authBase = value(env, AUTH_BASE_URL);

    URI baseUrl = null;
    if (base.isEmpty()) {
      problems.add(
          BASE_URL
              + " is not set: export it, such as "
              + BASE_URL
              + "=https://flows.example.com"
              + " (or run the demo, which needs no configuration)");
    } else {
      baseUrl = url(BASE_URL, base.get(), problems);
    }
    if (token.isPresent() && (id.isPresent() || secret.isPresent())) {
      problems.add(
          "both "
              + ACCESS_TOKEN
              + " and client credentials ("
              + (id.isPresent() ? CLIENT_ID : CLIENT_SECRET)
              + ") are set: keep exactly one way to authenticate, and unset the other");
    } else if (token.isEmpty()) {
      if (id.isPresent() && secret.isEmpty()) {
        problems.add(
            CLIENT_ID
                + " is set but "
                + CLIENT_SECRET
                + " is not: export the secret issued with the client id");
      } else if (secret.isPresent() && id.isEmpty()) {
        problems.add(
            CLIENT_SECRET
                + " is set but "
                + CLIENT_ID
                + " is not: export the client id the secret belongs to");
      } else if (id.isEmpty()) {
        problems.add(
            "no credentials: export "
                + CLIENT_ID
                + " and "
                + CLIENT_SECRET
                + ", or "
                + ACCESS_TOKEN);
      }
    }
    if (token.isPresent() && !token.get().chars().allMatch(c -> c > ' ' && c < 127)) {
      problems.add(
          ACCESS_TOKEN
              + " has a space, line break or non-ASCII character: set the bare token, without \"Bearer \"");
    }
    URI authBaseUrl = null;
    if (authBase.isPresent()) {
      if (token.isPresent()) {
        problems.add(
            AUTH_BASE_URL
                + " is set with "
                + ACCESS_TOKEN
                + ": it only applies to client credentials; unset it");
      } else {
        authBaseUrl = url(AUTH_BASE_URL, authBase.get(), problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(
          problems.size() == 1
              ? problems.get(0)
              : "the environment has "
                  + problems.size()
                  + " problems:\n  - "
                  + String.join("\n  - ", problems));
    }
    return new EnvConfig(
        baseUrl,
        authBaseUrl,
        id.orElse(null),
        secret.orElse(null),
        token.orElse(null),
        unknownVariables(env));
  }

  /**
   * Builds the transport these settings describe.
   *
   * @return a {@link RetrofitTransport}
   * @throws UsageException when the transport refuses a setting (plain http to a remote host, say)
   */
  public RetrofitTransport transport() {
    RetrofitTransport.Builder builder = RetrofitTransport.builder().baseUrl(baseUrl.toString());
    try {
      if (accessToken != null) {
        builder.accessToken(accessToken);
      } else {
        builder.credentials(clientId, clientSecret);
        if (authBaseUrl != null) {
          builder.authBaseUrl(authBaseUrl.toString());
        }
      }
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException refused) {
      // The SDK's messages never contain the token or secret.
      throw new UsageException("the environment's settings were refused: " + refused.getMessage());
    }
  }

  /** Returns the API's base URL. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Returns true when a fixed access token is configured (else client credentials). */
  public boolean usesAccessToken() {
    return accessToken != null;
  }

  /** Returns notes about variables that look like ours but are not read (typos), for stderr. */
  public List<String> warnings() {
    return warnings;
  }

  /** Says what is configured, without any secret. */
  @Override
  public String toString() {
    String auth =
        accessToken != null
            ? "access token (from " + ACCESS_TOKEN + ")"
            : "client credentials (client id "
                + clientId
                + ", secret from "
                + CLIENT_SECRET
                + ")"
                + (authBaseUrl != null ? ", tokens from " + authBaseUrl : "");
    return baseUrl + " with " + auth;
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static URI url(String name, String value, List<String> problems) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException malformed) {
      // reported below
    }
    String shown = value.contains("@") ? "a URL with user info (not shown)" : "\"" + value + "\"";
    problems.add(
        name
            + " is "
            + shown
            + ", which is not an http(s) URL: use one such as https://flows.example.com");
    return null;
  }

  private static List<String> unknownVariables(Map<String, String> env) {
    List<String> notes = new ArrayList<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith("FLOWEXEC_") && !KNOWN.contains(name)) {
        notes.add(
            "ignoring "
                + name
                + ": not a variable this program reads ("
                + String.join(", ", new TreeSet<>(KNOWN))
                + ")");
      }
    }
    return Collections.unmodifiableList(notes);
  }
}
