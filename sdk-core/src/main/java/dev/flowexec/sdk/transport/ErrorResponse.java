package dev.flowexec.sdk.transport;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A failed HTTP response as a transport received it, ready for {@link ErrorMapper}: the status, the
 * headers, and the body as far as it was read and parsed.
 *
 * <pre>{@code
 * ErrorResponse response = ErrorResponse.builder()
 *     .operation(Operation.LAUNCH)
 *     .statusCode(502)
 *     .putHeaders("Content-Type", "text/html")
 *     .contentType("text/html")
 *     .bodyBytes(1234)
 *     .build();
 * throw ErrorMapper.map(response);
 * }</pre>
 */
@Value.Immutable
public abstract class ErrorResponse {
  ErrorResponse() {}

  /**
   * Starts a staged builder: {@code operation}, {@code statusCode}, then the optional fields.
   *
   * @return the first stage
   */
  public static ImmutableErrorResponse.OperationBuildStage builder() {
    return ImmutableErrorResponse.builder();
  }

  /**
   * Returns the operation that failed.
   *
   * @return the operation
   */
  public abstract Operation operation();

  /**
   * Returns the HTTP status.
   *
   * @return the status
   */
  public abstract int statusCode();

  /**
   * Returns the response headers. Names are matched without regard to case by
   * {@link #header(String)}; a repeated header is one entry with its values joined by
   * {@code ", "}.
   *
   * @return the headers
   */
  public abstract Map<String, String> headers();

  /**
   * Returns the body's media type, such as {@code text/html}.
   *
   * @return the content type, if the response had one
   */
  public abstract Optional<String> contentType();

  /**
   * Returns the body's size in bytes, as declared or as far as it was read.
   *
   * @return the size; 0 for an empty body
   */
  @Value.Default
  public long bodyBytes() {
    return 0;
  }

  /**
   * Returns the parsed JSON error body.
   *
   * @return the body; absent when it was empty, not JSON, or cut short
   */
  public abstract Optional<ErrorBody> body();

  /**
   * Returns a header's value, matching its name without regard to case.
   *
   * @param name the header name
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    String value = headers().get(name);
    if (value != null) {
      return Optional.of(value);
    }
    for (Map.Entry<String, String> header : headers().entrySet()) {
      if (header.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(header.getValue());
      }
    }
    return Optional.empty();
  }
}
