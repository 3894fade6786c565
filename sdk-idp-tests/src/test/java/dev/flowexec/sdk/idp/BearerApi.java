package dev.flowexec.sdk.idp;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Flow Executions API that accepts the identity provider's bearer tokens the way a real
 * resource server does: it verifies the JWT's signature against the provider's JWKS, its expiry,
 * and the contract's scope table (from the token's {@code scope} claim), and answers launch and get
 * as the contract says (401 {@code invalid_token}, 403 {@code insufficient_scope}).
 */
final class BearerApi implements AutoCloseable {
  private static final Pattern EXECUTION_ID =
      Pattern.compile("\"flow_execution_id\"\\s*:\\s*\"([^\"]+)\"");
  private static final String PATH = "/api/v2/flows/executions";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();

  /** Every bearer token the API was sent, in order. */
  final List<String> tokens = new CopyOnWriteArrayList<>();

  /** Every token's claims, when it verified. */
  final List<JWTClaimsSet> claims = new CopyOnWriteArrayList<>();

  BearerApi(String jwksUrl) throws IOException {
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(new URL(jwksUrl)).retrying(true).build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(jwksUrl, e);
    }
    verifier.setJWSKeySelector(
        new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(PATH, this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      boolean launch = exchange.getRequestMethod().equals("POST");
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.startsWith("Bearer ")) {
        reply(exchange, 401, "Bearer realm=\"flows\"", error("missing_token", "no bearer token"));
        return;
      }
      String token = authorization.substring("Bearer ".length());
      tokens.add(token);
      JWTClaimsSet verified;
      try {
        verified = verifier.process(token, null);
      } catch (Exception refused) {
        reply(
            exchange,
            401,
            "Bearer realm=\"flows\", error=\"invalid_token\", error_description=\"the token is not valid\"",
            error("invalid_token", "the token is not valid"));
        return;
      }
      claims.add(verified);
      Object scopeClaim = verified.getClaim("scope");
      Set<String> scopes =
          new HashSet<>(
              scopeClaim == null ? List.of() : Arrays.asList(scopeClaim.toString().split(" ")));
      Set<String> accepted =
          launch
              ? Set.of("flow:execute", "flow:execution:write")
              : Set.of("flow:execute", "flow:execution:write", "flow:execution:read");
      if (scopes.stream().noneMatch(accepted::contains)) {
        reply(
            exchange,
            403,
            "Bearer realm=\"flows\", error=\"insufficient_scope\", scope=\""
                + String.join(" ", accepted)
                + "\"",
            error("insufficient_scope", "the token lacks the scope"));
        return;
      }
      String id;
      if (launch) {
        Matcher matcher = EXECUTION_ID.matcher(body);
        id = matcher.find() ? matcher.group(1) : "missing";
      } else {
        id = exchange.getRequestURI().getPath().substring(PATH.length() + 1);
      }
      exchange.getResponseHeaders().set("Location", PATH + "/" + id);
      reply(exchange, launch ? 201 : 200, null, execution(id));
    }
  }

  private static String error(String code, String message) {
    return "{\"error_code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\",\"request_id\":\"req_idp\"}";
  }

  private static String execution(String id) {
    return "{\"flow_execution_id\":\""
        + id
        + "\",\"flow_id\":\"abc-123\",\"flow_version\":\"3\",\"name\":null,"
        + "\"status\":\"QUEUED\",\"channel_type\":\"web\",\"created_at\":\"2026-11-28T10:00:00Z\","
        + "\"updated_at\":\"2026-11-28T10:00:00Z\",\"completed_at\":null,\"output_data\":null,\"error\":null,"
        + "\"self_uri\":\""
        + PATH
        + "/"
        + id
        + "\"}";
  }

  private static void reply(HttpExchange exchange, int status, String challenge, String json)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Request-Id", "req_idp");
    if (challenge != null) {
      exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
