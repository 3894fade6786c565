package dev.flowexec.sdk.testing;

import dev.flowexec.sdk.testing.internal.JsonParser;
import dev.flowexec.sdk.testing.internal.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Raw HTTP against an emulator with the JDK client: no SDK involved. */
final class RawHttp {
  static final String EXECUTIONS = "/api/v2/flows/executions";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;

  RawHttp(FlowExecutionsEmulator emulator) {
    this.baseUrl = emulator.baseUrl();
  }

  HttpResponse<String> launch(String token, Object body) {
    String text = body instanceof String ? (String) body : JsonWriter.write(body);
    return post(
        EXECUTIONS, text, "Content-Type", "application/json", "Authorization", "Bearer " + token);
  }

  HttpResponse<String> launchWithKey(String token, Object body, String idempotencyKey) {
    String text = body instanceof String ? (String) body : JsonWriter.write(body);
    return post(
        EXECUTIONS,
        text,
        "Content-Type",
        "application/json",
        "Authorization",
        "Bearer " + token,
        "Idempotency-Key",
        idempotencyKey);
  }

  HttpResponse<String> getExecution(String token, String id) {
    return get(EXECUTIONS + "/" + id, "Authorization", "Bearer " + token);
  }

  HttpResponse<String> token(String clientId, String secret, String form) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return post(
        "/oauth/token",
        form,
        "Authorization",
        "Basic " + basic,
        "Content-Type",
        "application/x-www-form-urlencoded");
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  /** Sends and returns the I/O failure instead of throwing it. */
  IOException postExpectingIoFailure(String path, String body, String... headers) {
    try {
      HttpResponse<String> r =
          CLIENT.send(
              request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      throw new AssertionError(
          "expected an I/O failure but got " + r.statusCode() + " " + r.body());
    } catch (IOException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(HttpResponse<String> response) {
    return (Map<String, Object>) JsonParser.parse(response.body());
  }

  /** The details of a 400 as "field issue" strings. */
  @SuppressWarnings("unchecked")
  static Set<String> details(HttpResponse<String> response) {
    Set<String> out = new LinkedHashSet<>();
    for (Object d : (List<Object>) json(response).get("details")) {
      Map<String, Object> detail = (Map<String, Object>) d;
      out.add(detail.get("field") + " " + detail.get("issue"));
    }
    return out;
  }

  /** A valid launch body, as a mutable map. */
  static Map<String, Object> validLaunch(String id) {
    Map<String, Object> participant = new LinkedHashMap<>();
    participant.put("user_id", "user-456");
    participant.put("role", "USER");
    participant.put("channels", new ArrayList<>(List.of("voice", "web")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("flow_id", "abc-123");
    body.put("flow_execution_id", id);
    body.put("participants", new ArrayList<>(List.of(participant)));
    body.put("channel_type", "web");
    body.put("input_data", new LinkedHashMap<>(Map.of("order_id", "42")));
    return body;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> participant(Map<String, Object> body, int i) {
    return (Map<String, Object>) ((List<Object>) body.get("participants")).get(i);
  }
}
