package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.model.FlowExecution;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FlowTransport} returns for a successful attempt: the execution and the HTTP
 * response it came in (status code and headers). The client turns these into the call's {@code
 * ResponseMetadata}. Immutable.
 *
 * <pre>{@code
 * return TransportResponse.of(FlowJsonCodec.readExecution(response.body()), response.statusCode(),
 *     response.headers().map()); // java.net.http.HttpResponse
 * }</pre>
 */
public final class TransportResponse {
  /** The header that marks a launch answered from an earlier one with the same id. */
  public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  /** The header that carries the service's request id. */
  public static final String REQUEST_ID = "X-Request-Id";

  private final FlowExecution execution;
  private final int statusCode;
  private final ResponseHeaders headers;

  private TransportResponse(FlowExecution execution, int statusCode, ResponseHeaders headers) {
    this.execution = execution;
    this.statusCode = statusCode;
    this.headers = headers;
  }

  /**
   * Returns a response.
   *
   * @param execution the execution the body carried
   * @param statusCode the HTTP status, {@code 2xx}
   * @param headers the response's headers
   * @return the response
   * @throws IllegalArgumentException if the status is not {@code 2xx}: a failed response is an
   *     exception, from {@link ErrorMapper}
   */
  public static TransportResponse of(
      FlowExecution execution, int statusCode, ResponseHeaders headers) {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(headers, "headers");
    if (statusCode < 200 || statusCode > 299) {
      throw new IllegalArgumentException(
          "statusCode is "
              + statusCode
              + ": a transport returns a response only for 2xx, and maps any other with ErrorMapper");
    }
    return new TransportResponse(execution, statusCode, headers);
  }

  /**
   * Returns a response whose headers come as a map of name to values, as {@code
   * java.net.http.HttpHeaders#map()} gives them.
   *
   * @param execution the execution the body carried
   * @param statusCode the HTTP status, {@code 2xx}
   * @param headers the response's headers
   * @return the response
   * @throws IllegalArgumentException if the status is not {@code 2xx}
   */
  public static TransportResponse of(
      FlowExecution execution, int statusCode, Map<String, ? extends List<String>> headers) {
    return of(execution, statusCode, ResponseHeaders.of(headers));
  }

  /**
   * Returns the execution.
   *
   * @return the execution
   */
  public FlowExecution execution() {
    return execution;
  }

  /**
   * Returns the HTTP status: {@code 201} for a new execution, {@code 200} for a replayed launch or
   * a read.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the response's headers.
   *
   * @return the headers
   */
  public ResponseHeaders headers() {
    return headers;
  }

  /**
   * Returns the service's request id, the {@code X-Request-Id} header: quote it to support.
   *
   * @return the request id, or empty when the response had none
   */
  public Optional<String> requestId() {
    return headers.first(REQUEST_ID);
  }

  /**
   * Returns whether the service answered from an earlier launch with the same {@code
   * flow_execution_id} ({@code 200} with {@code Idempotent-Replayed: true}): nothing new was
   * started.
   *
   * @return true for a replayed launch; false for a new execution and for reads
   */
  public boolean replayed() {
    return statusCode == 200
        && headers
            .first(IDEMPOTENT_REPLAYED)
            .map(v -> v.trim().equalsIgnoreCase("true"))
            .orElse(false);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TransportResponse)) {
      return false;
    }
    TransportResponse that = (TransportResponse) other;
    return statusCode == that.statusCode
        && execution.equals(that.execution)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(execution, statusCode, headers);
  }

  @Override
  public String toString() {
    return "TransportResponse{statusCode="
        + statusCode
        + ", execution="
        + execution.flowExecutionId()
        + ", headers="
        + headers
        + "}";
  }
}
