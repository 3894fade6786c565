package dev.flowexec.sdk.testing.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A request read off the wire: what the endpoints need to answer it. Immutable. */
public final class IncomingRequest {
  private final String requestId;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final long bodySize;

  /**
   * Creates a request.
   *
   * @param requestId the id given to it
   * @param method the method
   * @param path the decoded path, without the query
   * @param headers the headers, names in lower case
   * @param body the body, at most {@link LaunchRules#MAX_BODY_BYTES} bytes are kept
   * @param bodySize the size of the whole body
   */
  public IncomingRequest(
      String requestId,
      String method,
      String path,
      Map<String, List<String>> headers,
      byte[] body,
      long bodySize) {
    this.requestId = requestId;
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
   * The method.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * The decoded path.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * All values of a header.
   *
   * @param name the name, any case
   * @return the values, empty if absent
   */
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
  }

  /**
   * The first value of a header.
   *
   * @param name the name, any case
   * @return the value, or {@code null}
   */
  public String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Whether the body is over {@link LaunchRules#MAX_BODY_BYTES}.
   *
   * @return true if too large
   */
  public boolean bodyTooLarge() {
    return bodySize > LaunchRules.MAX_BODY_BYTES;
  }

  /**
   * The size of the whole body.
   *
   * @return bytes
   */
  public long bodySize() {
    return bodySize;
  }

  /**
   * The body as bytes.
   *
   * @return the kept bytes
   */
  public byte[] body() {
    return body;
  }

  /**
   * The body decoded as strict UTF-8.
   *
   * @return the text
   * @throws MalformedJsonException if the bytes are not UTF-8
   */
  public String bodyText() {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedJsonException("the body is not valid UTF-8");
    }
  }
}
