package dev.flowexec.sdk.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a token endpoint answered, as a {@link TokenEndpoint} hands it over: the status, the headers
 * and the body (at most {@link TokenEndpoint#MAX_BODY_BYTES}; a longer body is cut). The body may
 * hold a token: {@link #toString()} never shows it.
 */
public final class TokenHttpResponse {
  private final int statusCode;
  private final Map<String, String> headers;
  private final byte[] body;

  private TokenHttpResponse(int statusCode, Map<String, String> headers, byte[] body) {
    this.statusCode = statusCode;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Creates a response.
   *
   * @param statusCode the HTTP status
   * @param headers the headers, names in any case; several values of one name joined by {@code ",
   *     "}
   * @param body the body, or its first {@link TokenEndpoint#MAX_BODY_BYTES} bytes; empty when none
   * @return the response
   */
  public static TokenHttpResponse of(int statusCode, Map<String, String> headers, byte[] body) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, value) ->
            copy.put(
                Objects.requireNonNull(name, "a header name"),
                Objects.requireNonNull(value, name)));
    return new TokenHttpResponse(statusCode, copy, Objects.requireNonNull(body, "body").clone());
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns a header.
   *
   * @param name its name, in any case
   * @return its value, if present
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * Returns the body.
   *
   * @return a copy of the body
   */
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyBytes() {
    return body;
  }

  /** Returns the media type of the body, lower case, without parameters. */
  String mediaType() {
    return header("Content-Type")
        .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .orElse("");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenHttpResponse
        && statusCode == ((TokenHttpResponse) other).statusCode
        && headers.equals(((TokenHttpResponse) other).headers)
        && Arrays.equals(body, ((TokenHttpResponse) other).body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statusCode, headers, Arrays.hashCode(body));
  }

  /** Returns the status, content type and body size; never the body, which may hold a token. */
  @Override
  public String toString() {
    return "TokenHttpResponse{status="
        + statusCode
        + ", contentType="
        + header("Content-Type").orElse("none")
        + ", bodyBytes="
        + body.length
        + "}";
  }
}
