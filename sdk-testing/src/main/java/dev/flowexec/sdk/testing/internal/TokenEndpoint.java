package dev.flowexec.sdk.testing.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /oauth/token}: the client-credentials grant of RFC 6749 §4.4 with HTTP Basic client
 * authentication, and its errors as in §5.2. A request without {@code scope} is granted every scope
 * the client may have; the response always states the granted {@code scope}.
 */
public final class TokenEndpoint {
  private final Map<String, RegisteredClient> clients;
  private final TokenStore tokens;
  private final EmulatorSettings settings;

  /**
   * Creates the endpoint.
   *
   * @param settings the settings (clients, token lifetime)
   * @param tokens the token store
   */
  public TokenEndpoint(EmulatorSettings settings, TokenStore tokens) {
    this.settings = settings;
    this.clients = settings.clients();
    this.tokens = tokens;
  }

  /**
   * Answers a token request.
   *
   * @param request the request
   * @return the answer
   */
  public Response handle(IncomingRequest request) {
    String rid = request.requestId();
    RegisteredClient client = authenticate(request.header("Authorization"));
    if (client == null) {
      return error(401, "invalid_client", "unknown client or bad credentials (use HTTP Basic)", rid)
          .header("WWW-Authenticate", "Basic realm=\"" + BearerAuthenticator.REALM + "\"");
    }
    String contentType = request.header("Content-Type");
    if (contentType == null
        || !contentType
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      return error(
          400, "invalid_request", "the body must be application/x-www-form-urlencoded", rid);
    }
    Map<String, String> form = new HashMap<>();
    String text = new String(request.body(), StandardCharsets.UTF_8);
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return error(400, "invalid_request", "the form body is not well encoded", rid);
      }
      if (form.put(name, value) != null) {
        return error(400, "invalid_request", "parameter " + name + " is repeated", rid);
      }
    }
    String grantType = form.get("grant_type");
    if (grantType == null || grantType.isEmpty()) {
      return error(400, "invalid_request", "grant_type is required", rid);
    }
    if (!grantType.equals("client_credentials")) {
      return error(
          400, "unsupported_grant_type", "only grant_type=client_credentials is supported", rid);
    }
    Set<String> granted = new LinkedHashSet<>();
    String scope = form.get("scope");
    if (scope == null || scope.isBlank()) {
      granted.addAll(client.grantableScopes());
    } else {
      for (String s : scope.trim().split(" +", -1)) {
        if (!client.grantableScopes().contains(s)) {
          return error(
              400, "invalid_scope", "scope " + s + " may not be granted to this client", rid);
        }
        granted.add(s);
      }
    }
    String token = tokens.issue(granted, settings.tokenLifetime());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("token_type", "Bearer");
    body.put("expires_in", settings.tokenLifetime().toSeconds());
    body.put("scope", String.join(" ", granted));
    return Response.json(200, body)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .header("X-Request-Id", rid);
  }

  private RegisteredClient authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String id;
    String secret;
    try {
      // RFC 6749 §2.3.1: both are form-urlencoded before Basic encoding.
      id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    RegisteredClient client = clients.get(id);
    return client != null && client.secret().equals(secret) ? client : null;
  }

  private static Response error(int status, String error, String description, String rid) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return Response.json(status, body)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .header("X-Request-Id", rid);
  }
}
