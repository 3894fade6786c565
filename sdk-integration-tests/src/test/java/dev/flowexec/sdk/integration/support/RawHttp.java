package dev.flowexec.sdk.integration.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;

/**
 * Talks to the emulator without the SDK, for the cases the SDK cannot produce (a body over 1 MiB,
 * no Authorization header), and turns the emulator's answer into a {@link MockResponse} so that a
 * transport under test can be shown the very same bytes.
 */
public final class RawHttp {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response as received. */
  public static final class Received {
    public final int status;
    public final Map<String, List<String>> headers;
    public final byte[] body;

    Received(int status, Map<String, List<String>> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    public String bodyText() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same status, headers and body, to be served by a MockWebServer. */
    public MockResponse toMockResponse() {
      MockResponse response = new MockResponse().setResponseCode(status);
      headers.forEach(
          (name, values) -> {
            if (name.startsWith(":")
                || name.equalsIgnoreCase("content-length")
                || name.equalsIgnoreCase("transfer-encoding")
                || name.equalsIgnoreCase("date")
                || name.equalsIgnoreCase("connection")) {
              return;
            }
            values.forEach(v -> response.addHeader(name, v));
          });
      return response.setBody(new Buffer().write(body));
    }
  }

  private RawHttp() {}

  /** POSTs a body; {@code authorization} may be null to send none. */
  public static Received post(String url, String authorization, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Received(response.statusCode(), response.headers().map(), response.body());
  }
}
