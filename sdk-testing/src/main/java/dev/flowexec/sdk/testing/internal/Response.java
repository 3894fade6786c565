package dev.flowexec.sdk.testing.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer the emulator is about to send: status, headers and body bytes. */
public final class Response {
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;

  private Response(int status, String contentType, byte[] body) {
    this.status = status;
    this.body = body;
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
  }

  /**
   * A JSON answer.
   *
   * @param status the status
   * @param json the body, written by {@link JsonWriter}
   * @return the response
   */
  public static Response json(int status, Object json) {
    return new Response(
        status,
        "application/json; charset=utf-8",
        JsonWriter.write(json).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An answer with a body of some type.
   *
   * @param status the status
   * @param contentType the {@code Content-Type}
   * @param body the body text, sent as UTF-8
   * @return the response
   */
  public static Response text(int status, String contentType, String body) {
    return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An answer with no body.
   *
   * @param status the status
   * @return the response
   */
  public static Response empty(int status) {
    return new Response(status, null, new byte[0]);
  }

  /**
   * Adds a header.
   *
   * @param name the name
   * @param value the value
   * @return this
   */
  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /**
   * The status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The headers in the order they were added.
   *
   * @return the headers
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The body.
   *
   * @return the bytes, empty for no body
   */
  public byte[] body() {
    return body;
  }
}
