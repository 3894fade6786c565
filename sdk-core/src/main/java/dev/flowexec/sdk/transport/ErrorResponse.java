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
  /**
   * The most bytes of a failed response's body a transport reads: 64 KiB, far more than any error
   * body of the contract. A proxy's 5 MiB error page then costs 64 KiB; the rest is abandoned, not
   * drained, and the status still says what happened.
   */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  ErrorResponse() {}

  /**
   * Starts a staged builder: {@code operation}, {@code statusCode}, then the optional fields.
   *
   * @return the first stage
   */
  public static OperationStage builder() {
    return new Stages();
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
   * Returns the response headers. Names are matched without regard to case by {@link
   * #header(String)}; a repeated header is one entry with its values joined by {@code ", "}.
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

  /** The first stage of {@link #builder()}: the operation that failed. */
  public interface OperationStage {
    /**
     * Sets the operation that failed.
     *
     * @param operation the operation
     * @return the next stage
     */
    StatusCodeStage operation(Operation operation);
  }

  /** The second stage of {@link #builder()}: the HTTP status. */
  public interface StatusCodeStage {
    /**
     * Sets the HTTP status.
     *
     * @param statusCode the status
     * @return the last stage
     */
    Builder statusCode(int statusCode);
  }

  /**
   * The last stage of {@link #builder()}: the optional fields, then {@link #build()}. Each setter
   * returns this builder.
   */
  public interface Builder {
    /**
     * Puts one response header; join a repeated header's values with {@code ", "}.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    Builder putHeaders(String name, String value);

    /**
     * Puts every entry of {@code headers}.
     *
     * @param headers header names to values
     * @return this builder
     */
    Builder putAllHeaders(Map<String, ? extends String> headers);

    /**
     * Sets the body's media type.
     *
     * @param contentType the content type, such as {@code text/html}; null for none
     * @return this builder
     */
    Builder contentType(String contentType);

    /**
     * Sets the body's size in bytes, as declared or as far as it was read.
     *
     * @param bodyBytes the size; 0 (the default) for an empty body
     * @return this builder
     */
    Builder bodyBytes(long bodyBytes);

    /**
     * Sets the parsed JSON error body.
     *
     * @param body the body; null when it was empty, not JSON, or cut short
     * @return this builder
     */
    Builder body(ErrorBody body);

    /**
     * Builds the response.
     *
     * @return the response
     */
    ErrorResponse build();
  }

  /** The stages over the generated builder, which stays out of sight. */
  private static final class Stages implements OperationStage, StatusCodeStage, Builder {
    private final ImmutableErrorResponse.Builder builder = ImmutableErrorResponse.newBuilder();

    @Override
    public StatusCodeStage operation(Operation operation) {
      builder.operation(operation);
      return this;
    }

    @Override
    public Builder statusCode(int statusCode) {
      builder.statusCode(statusCode);
      return this;
    }

    @Override
    public Builder putHeaders(String name, String value) {
      builder.putHeaders(name, value);
      return this;
    }

    @Override
    public Builder putAllHeaders(Map<String, ? extends String> headers) {
      builder.putAllHeaders(headers);
      return this;
    }

    @Override
    public Builder contentType(String contentType) {
      builder.contentType(contentType);
      return this;
    }

    @Override
    public Builder bodyBytes(long bodyBytes) {
      builder.bodyBytes(bodyBytes);
      return this;
    }

    @Override
    public Builder body(ErrorBody body) {
      builder.body(body);
      return this;
    }

    @Override
    public ErrorResponse build() {
      return builder.build();
    }
  }
}
