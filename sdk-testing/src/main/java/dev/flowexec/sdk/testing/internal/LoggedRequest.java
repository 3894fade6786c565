package dev.flowexec.sdk.testing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One request as the emulator received it. Immutable. */
public final class LoggedRequest {
  private final String requestId;
  private final Instant receivedAt;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final String body;
  private final long bodySize;

  /**
   * Creates a record.
   *
   * @param requestId the request id given to it
   * @param receivedAt when it came, on the emulator's clock
   * @param method the method
   * @param path the path and query, as sent
   * @param headers the headers, names in lower case
   * @param body the body as UTF-8 text, cut at 1 MiB
   * @param bodySize the size of the whole body in bytes
   */
  public LoggedRequest(
      String requestId,
      Instant receivedAt,
      String method,
      String path,
      Map<String, List<String>> headers,
      String body,
      long bodySize) {
    this.requestId = requestId;
    this.receivedAt = receivedAt;
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.body = body;
    this.bodySize = bodySize;
  }

  /**
   * The request id.
   *
   * @return the id
   */
  public String requestId() {
    return requestId;
  }

  /**
   * When it came.
   *
   * @return the instant
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * The method.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * The path and query.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * The headers, names in lower case.
   *
   * @return unmodifiable headers
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The body text.
   *
   * @return the body, cut at 1 MiB
   */
  public String body() {
    return body;
  }

  /**
   * The size of the whole body.
   *
   * @return bytes
   */
  public long bodySize() {
    return bodySize;
  }
}
