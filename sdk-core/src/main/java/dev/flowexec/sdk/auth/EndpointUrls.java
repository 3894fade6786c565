package dev.flowexec.sdk.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks the URLs a client is configured with: {@code https}, or plain {@code http} only to a
 * loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), since a bearer token or
 * client secret must never cross a network in clear; no user info, query or fragment. Not public
 * API.
 */
final class EndpointUrls {
  private EndpointUrls() {}

  /**
   * Parses and checks a URL.
   *
   * @param setting the setting, such as {@code tokenUrl}, for messages
   * @param url the URL
   * @param example an example value, for messages
   * @return the URL
   * @throws IllegalArgumentException with a message saying what to change (never echoing user info)
   */
  public static URI check(String setting, String url, String example) {
    URI parsed;
    try {
      parsed = new URI(url.trim());
    } catch (URISyntaxException e) {
      parsed = null;
    }
    String scheme =
        parsed == null || parsed.getScheme() == null
            ? ""
            : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (parsed == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || parsed.getHost() == null) {
      throw new IllegalArgumentException(
          setting + " is not an http or https URL: use a full URL, such as " + example);
    }
    if (parsed.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          setting
              + " contains a user name or password: remove them from the URL "
              + "and configure the client id and secret instead");
    }
    if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
      throw new IllegalArgumentException(
          setting
              + " "
              + parsed.getScheme()
              + "://"
              + parsed.getRawAuthority()
              + parsed.getRawPath()
              + " has a query or fragment: use only scheme, host, port and path");
    }
    String host = parsed.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!scheme.equals("https") && !isLoopback(host)) {
      throw new IllegalArgumentException(
          setting
              + " "
              + parsed
              + " uses plain http to "
              + host
              + ": use https, since tokens and secrets must not cross a network in clear "
              + "(plain http is allowed only to localhost, 127.0.0.0/8 and ::1)");
    }
    return parsed;
  }

  /**
   * Tells whether a host is loopback, by name only (no DNS lookup).
   *
   * @param host a host name or address, IPv6 without brackets
   * @return true for {@code localhost}, {@code 127.x.y.z} and {@code ::1}
   */
  public static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = name.split("\\.", -1);
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
