package dev.flowexec.sdk;

import dev.flowexec.sdk.transport.ResponseHeaders;
import dev.flowexec.sdk.transport.TransportResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a successful call went: the HTTP status and headers of the response that ended it, whether a
 * launch was new or replayed, the service's request id, how many attempts were made and how long
 * the whole call took. Immutable; {@link #toString()} hides credential headers.
 *
 * <pre>{@code
 * ExecutionResponse launched = client.withResponse().launch(request);
 * ResponseMetadata meta = launched.metadata();
 * log.info("launched {} ({}, request {}, {} attempts)", launched.execution().flowExecutionId(),
 *     meta.replayed() ? "replayed" : "new", meta.requestId().orElse("-"), meta.attempts());
 * }</pre>
 */
public final class ResponseMetadata {
  private final int statusCode;
  private final ResponseHeaders headers;
  private final int attempts;
  private final Duration elapsed;

  private ResponseMetadata(
      int statusCode, ResponseHeaders headers, int attempts, Duration elapsed) {
    this.statusCode = statusCode;
    this.headers = headers;
    this.attempts = attempts;
    this.elapsed = elapsed;
  }

  /**
   * Returns metadata; the client makes these, tests of your own code may too.
   *
   * @param statusCode the final response's status, {@code 2xx}
   * @param headers the final response's headers
   * @param attempts how many attempts were sent, at least 1
   * @param elapsed how long the call took, retries included
   * @return the metadata
   */
  public static ResponseMetadata of(
      int statusCode, ResponseHeaders headers, int attempts, Duration elapsed) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(elapsed, "elapsed");
    if (statusCode < 200 || statusCode > 299) {
      throw new IllegalArgumentException("statusCode is " + statusCode + ": a success is 2xx");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts is " + attempts + ": a call makes at least 1");
    }
    return new ResponseMetadata(statusCode, headers, attempts, elapsed);
  }

  /**
   * Returns the HTTP status of the response that ended the call: {@code 201} for a new execution,
   * {@code 200} for a replayed launch or a read.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns whether the service answered from an earlier launch with the same {@code
   * flow_execution_id} ({@code 200} with {@code Idempotent-Replayed: true}): nothing new was
   * started. A launch that the client retried after an ambiguous failure is often replayed.
   *
   * @return true for a replayed launch; false for a new execution and for reads
   */
  public boolean replayed() {
    return statusCode == 200
        && headers
            .first(TransportResponse.IDEMPOTENT_REPLAYED)
            .map(v -> v.trim().equalsIgnoreCase("true"))
            .orElse(false);
  }

  /**
   * Returns the service's request id ({@code X-Request-Id}) of the final response: quote it to
   * support.
   *
   * @return the request id, or empty when the response had none
   */
  public Optional<String> requestId() {
    return headers.first(TransportResponse.REQUEST_ID);
  }

  /**
   * Returns how many attempts the call sent, the successful one included; over 1 when it was
   * retried. For {@code awaitCompletion}, the attempts of every poll.
   *
   * @return at least 1
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Returns how long the whole call took on the client's clock, retries and waits included.
   *
   * @return the duration
   */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * Returns the headers of the response that ended the call.
   *
   * @return the headers
   */
  public ResponseHeaders headers() {
    return headers;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ResponseMetadata)) {
      return false;
    }
    ResponseMetadata that = (ResponseMetadata) other;
    return statusCode == that.statusCode
        && attempts == that.attempts
        && elapsed.equals(that.elapsed)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statusCode, headers, attempts, elapsed);
  }

  @Override
  public String toString() {
    return "ResponseMetadata{statusCode="
        + statusCode
        + ", replayed="
        + replayed()
        + ", requestId="
        + requestId().orElse(null)
        + ", attempts="
        + attempts
        + ", elapsed="
        + elapsed
        + ", headers="
        + headers
        + "}";
  }
}
