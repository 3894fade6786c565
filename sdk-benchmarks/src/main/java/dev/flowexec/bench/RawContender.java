package dev.flowexec.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor: OkHttp with its defaults, posting a body serialized once up front and reading the
 * response bytes. A new {@link Request} per call (as any caller builds one), the same headers the
 * contract asks of the SDK, no JSON work at all.
 */
public final class RawContender implements AutoCloseable {
  /** A valid launch body (the contract's example), serialized once. */
  static final byte[] LAUNCH_JSON =
      ("{\"flow_id\":\"abc-123\","
              + "\"flow_execution_id\":\"2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11\","
              + "\"participants\":[{\"user_id\":\"user-456\",\"role\":\"USER\",\"channels\":[\"voice\",\"web\"]}],"
              + "\"channel_type\":\"web\",\"input_data\":{\"order_id\":\"42\"}}")
          .getBytes(StandardCharsets.UTF_8);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client = new OkHttpClient();
  private final RequestBody body = RequestBody.create(LAUNCH_JSON, JSON);
  private final String url;
  private final String authorization = "Bearer " + Bench.ACCESS_TOKEN;

  /**
   * Creates the contender.
   *
   * @param baseUrl the server's base URL
   */
  public RawContender(String baseUrl) {
    this.url = baseUrl + LoopbackServer.LAUNCH_PATH;
  }

  /**
   * Posts one launch.
   *
   * @return the response body
   * @throws IOException on I/O failure or a status other than 201
   */
  public byte[] launch() throws IOException {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", authorization)
            .header("Idempotency-Key", "\"2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11\"")
            .post(body)
            .build();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 201) {
        throw new IOException("expected 201, got " + response.code());
      }
      return response.body().bytes();
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
