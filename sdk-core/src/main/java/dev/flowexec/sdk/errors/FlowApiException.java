package dev.flowexec.sdk.errors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The base of every failure of a call to the Flow Executions API. Unchecked.
 *
 * <p>Each error of the contract has its own subclass; a status or {@code error_code} this SDK does
 * not know arrives as a plain {@code FlowApiException}, so catching this type catches everything.
 * Messages are written for a person and never contain a token or secret.
 *
 * <p>The exception a call ends with is the failure of its last attempt (or a {@link
 * DeadlineExceededException} or {@link ClientClosedException} around it); the failures of the
 * attempts before it are its {@link #earlierAttempts()}, also attached as suppressed exceptions.
 * {@link #executionMayHaveStarted()} looks at all of them: it is the one flag to read before
 * deciding what to do about a failed launch.
 */
public class FlowApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, or 0 when no response was received. */
  private final int statusCode;

  /** The contract's error code, or one derived from the status. */
  private final String errorCode;

  /** The service's request id, or null when unknown. */
  private final String requestId;

  /** The delay the service asked for, or null. */
  private final Duration retryAfter;

  /** Whether the attempt (or call) this exception reports may, by itself, have started one. */
  private final boolean mayHaveStarted;

  /**
   * Creates an exception for a response this SDK has no more specific type for.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the contract's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   */
  public FlowApiException(String message, int statusCode, String errorCode, String requestId) {
    this(message, statusCode, errorCode, requestId, null, null);
  }

  /**
   * Creates an exception for a response this SDK has no more specific type for, keeping what caused
   * it, such as the parse error of a body that breaks the contract.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the contract's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   * @param cause the underlying failure, or null
   */
  public FlowApiException(
      String message, int statusCode, String errorCode, String requestId, Throwable cause) {
    this(message, statusCode, errorCode, requestId, null, cause);
  }

  /**
   * Creates an exception with every property.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the contract's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   * @param retryAfter how long the service asked to wait, or null
   * @param cause the underlying failure, or null
   */
  protected FlowApiException(
      String message,
      int statusCode,
      String errorCode,
      String requestId,
      Duration retryAfter,
      Throwable cause) {
    this(
        message,
        statusCode,
        errorCode,
        requestId,
        retryAfter,
        cause,
        mayHaveStarted(statusCode, errorCode));
  }

  /**
   * Creates an exception that says itself whether an execution may have started, for failures whose
   * status does not tell, such as a {@link TransportException}.
   *
   * @param message a sentence for a person
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the contract's {@code error_code}, or one derived from the status
   * @param requestId the service's request id, or null when unknown
   * @param retryAfter how long the service asked to wait, or null
   * @param cause the underlying failure, or null
   * @param executionMayHaveStarted false only when this failure proves the service did not act on
   *     the request
   */
  protected FlowApiException(
      String message,
      int statusCode,
      String errorCode,
      String requestId,
      Duration retryAfter,
      Throwable cause,
      boolean executionMayHaveStarted) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.mayHaveStarted = executionMayHaveStarted;
  }

  /**
   * Whether a response with this status may come after the service acted on the launch: a 2xx whose
   * body could not be read, {@code 409 request_in_progress} (an attempt with the same key is being
   * processed), and 5xx other than {@code 503} (a {@code 500} may come after the write, a {@code
   * 502} or {@code 504} from a gateway whose upstream may have acted). Other 4xx, {@code 429} and
   * {@code 503} are refusals. No response at all (status 0) cannot tell: it may have.
   */
  private static boolean mayHaveStarted(int statusCode, String errorCode) {
    if (statusCode == 0 || (statusCode >= 200 && statusCode < 300)) {
      return true;
    }
    if (statusCode == 409) {
      return IdempotencyConflictException.REQUEST_IN_PROGRESS.equals(errorCode);
    }
    return statusCode >= 500 && statusCode != 503;
  }

  /**
   * Returns the HTTP status of the response.
   *
   * @return the status, or 0 when no response was received (I/O failure, deadline)
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the contract's {@code error_code}, such as {@code invalid_request}. When the body had
   * none (an HTML page from a proxy), a code derived from the status: {@code server_error}, {@code
   * unavailable}, or {@code http_<status>}. The SDK's own failures use {@code transport_error} and
   * {@code deadline_exceeded}.
   *
   * @return the error code, never null
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * Returns the service's request id (body {@code request_id} or header {@code X-Request-Id}).
   * Quote it when you contact support.
   *
   * @return the request id, if the response carried one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Returns how long the service asked the client to wait before trying again ({@code Retry-After}
   * or {@code retry_after_seconds}).
   *
   * @return the delay, if the response gave one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Tells whether the launch may have started an execution despite this failure: true when this
   * failure or any {@linkplain #earlierAttempts() earlier attempt} of the same call may have
   * reached the service and been acted on (a connection dropped after the request was sent, a read
   * timeout, a {@code 500}, a deadline or {@link ClientClosedException close} while a request was
   * out). False means none could have: every attempt was refused ({@code 4xx}, {@code 429}, {@code
   * 503}) or never left this process.
   *
   * <p>When true, do not assume the launch failed: look the execution up by the request's {@code
   * flow_execution_id}, or launch the same request again, which is safe (it returns the execution
   * if one was started, and starts none twice). For a read, which starts nothing, ignore it.
   *
   * @return false only when no attempt of the call can have started an execution
   */
  public boolean executionMayHaveStarted() {
    if (mayHaveStarted) {
      return true;
    }
    for (Throwable earlier : getSuppressed()) {
      if (earlier instanceof FlowApiException && ((FlowApiException) earlier).mayHaveStarted) {
        return true;
      }
    }
    Throwable cause = getCause();
    return cause instanceof FlowApiException
        && ((FlowApiException) cause).executionMayHaveStarted();
  }

  /**
   * Returns the failures of the call's attempts before the one this exception reports, oldest
   * first: what the retries were about. For a {@link DeadlineExceededException} or {@link
   * ClientClosedException}, the attempts before the one that is its cause. They are also this
   * exception's {@linkplain #getSuppressed() suppressed} exceptions, so stack traces show them.
   *
   * @return an immutable list; empty when this was the first attempt
   */
  public List<FlowApiException> earlierAttempts() {
    Throwable[] suppressed = getSuppressed();
    if (suppressed.length == 0) {
      return List.of();
    }
    List<FlowApiException> attempts = new ArrayList<>(suppressed.length);
    for (Throwable earlier : suppressed) {
      if (earlier instanceof FlowApiException) {
        attempts.add((FlowApiException) earlier);
      }
    }
    return Collections.unmodifiableList(attempts);
  }
}
