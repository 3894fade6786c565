package dev.flowexec.sdk.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token request, as a {@link TokenEndpoint} sends it: {@code POST} to {@link #uri()} with
 * {@link #headers()} and the form-urlencoded {@link #body()}. It carries the client's credentials
 * (in the {@code Authorization} header or the body): send it, never log it. {@link #toString()}
 * hides them.
 */
public final class TokenRequest {
  /** The content type of the body. */
  public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

  private final URI uri;
  private final Map<String, String> headers;
  private final String body;
  private final ClientCredentials credentials;

  TokenRequest(URI uri, Map<String, String> headers, String body, ClientCredentials credentials) {
    this.uri = uri;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
    this.credentials = credentials;
  }

  /**
   * Returns the token endpoint's URL.
   *
   * @return the URL
   */
  public URI uri() {
    return uri;
  }

  /**
   * Returns the headers to send: {@code Content-Type}, {@code Accept}, and {@code Authorization}
   * for {@link ClientAuthMethod#CLIENT_SECRET_BASIC}. A transport adds its own {@code User-Agent}.
   *
   * @return an immutable, ordered map
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns the form-urlencoded body.
   *
   * @return the body, such as {@code grant_type=client_credentials&scope=flow%3Aexecute}
   */
  public String body() {
    return body;
  }

  /**
   * Returns the body as UTF-8 bytes.
   *
   * @return a new array
   */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the method, URL and header names; never the credentials. */
  @Override
  public String toString() {
    return "TokenRequest{POST "
        + uri
        + ", headers="
        + headers.keySet()
        + ", body="
        + credentials.redact(body)
        + "}";
  }
}
