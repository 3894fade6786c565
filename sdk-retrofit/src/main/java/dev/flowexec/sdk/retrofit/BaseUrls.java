package dev.flowexec.sdk.retrofit;

import okhttp3.HttpUrl;

/**
 * Checks the base URLs a transport is given: {@code https}, or plain {@code http} only to a
 * loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), since a bearer token or
 * client secret must never cross a network in clear. Not public API.
 */
final class BaseUrls {
  private BaseUrls() {}

  /**
   * Parses and checks a base URL, and makes its path end with {@code /} so relative paths resolve
   * under it.
   *
   * @param setting the builder setting, such as {@code baseUrl}, for messages
   * @param url the URL
   * @return the checked URL
   * @throws IllegalArgumentException with a message saying what to change
   */
  public static HttpUrl parse(String setting, String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
    if (parsed == null) {
      throw new IllegalArgumentException(
          setting
              + " is not an http or https URL: use the service's base URL, such as https://flows.example.com");
    }
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      // Never echo the URL: it holds credentials.
      throw new IllegalArgumentException(
          setting
              + " contains a user name or password: remove them from the URL and configure credentials(clientId, clientSecret) or accessToken(...)");
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      // Never echo the query: it may carry a token (?access_token=...).
      throw new IllegalArgumentException(
          setting
              + " "
              + redact(parsed)
              + " has a query or fragment (not shown): "
              + "use only scheme, host, port and path");
    }
    if (!parsed.isHttps() && !isLoopback(parsed.host())) {
      throw new IllegalArgumentException(
          setting
              + " "
              + parsed
              + " uses plain http to "
              + parsed.host()
              + ": use https, since tokens and secrets must not cross a network in clear (plain http is allowed only to localhost, 127.0.0.0/8 and ::1)");
    }
    return parsed.encodedPath().endsWith("/")
        ? parsed
        : parsed.newBuilder().addPathSegment("").build();
  }

  /**
   * Returns a URL as it may be shown: scheme, host, port and path, without user name, password,
   * query or fragment, any of which may carry a credential.
   *
   * @param url a URL as the user gave it, or null
   * @return the URL without its secrets; {@code <not a URL>} when it does not parse
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    HttpUrl parsed = HttpUrl.parse(url.trim());
    return parsed == null ? "<not a URL>" : redact(parsed);
  }

  private static String redact(HttpUrl url) {
    boolean hidden =
        !url.username().isEmpty()
            || !url.password().isEmpty()
            || url.query() != null
            || url.fragment() != null;
    String shown =
        url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    return hidden ? shown + " (credentials, query or fragment not shown)" : shown;
  }

  /**
   * Tells whether a host is loopback, by name only (no DNS lookup).
   *
   * @param host a host as {@link HttpUrl#host()} gives it
   * @return true for {@code localhost}, {@code 127.x.y.z} and {@code ::1}
   */
  public static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.equals("::1")) {
      return true;
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }
}
