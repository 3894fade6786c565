package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Hears what the client does, for metrics, logs and traces: each call, each attempt, each retry,
 * each outcome. Events carry the same {@link ResponseMetadata} that {@link
 * FlowExecutionsClient#withResponse()} returns, and a {@link CallEvent#callId()} that ties the
 * events of one call together.
 *
 * <p>Every method has an empty default; implement those you need. Methods are called on the thread
 * that ran the attempt and must return quickly. A listener that throws never breaks a call: the
 * client logs the failure at {@code WARNING} and goes on. A client may have several listeners
 * ({@link FlowExecutionsClient.Builder#listener(ExecutionListener)} adds one); each is told of
 * every event, in the order they were added.
 *
 * <pre>{@code
 * ExecutionListener outcomes = new ExecutionListener() {
 *   @Override
 *   public void callFinished(ExecutionListener.CallFinished call) {
 *     String outcome = call.failure().map(f -> f instanceof FlowApiException
 *             ? ((FlowApiException) f).errorCode() : "error")
 *         .orElse(call.metadata().get().replayed() ? "replayed" : "ok");
 *     counter(call.operation(), outcome).increment();
 *   }
 * };
 * }</pre>
 */
public interface ExecutionListener {
  /**
   * A call began, before its first attempt.
   *
   * @param event the call
   */
  default void callStarted(CallStarted event) {}

  /**
   * An attempt is about to be sent. A listener may add headers to this attempt alone with {@link
   * AttemptStarted#addHeader(String, String)}, such as a trace context.
   *
   * @param event the attempt
   */
  default void attemptStarted(AttemptStarted event) {}

  /**
   * An attempt ended, with a response or a failure.
   *
   * @param event the attempt's outcome
   */
  default void attemptFinished(AttemptFinished event) {}

  /**
   * An attempt's transport fetched an access token, or failed to: one event per request to the
   * token endpoint, whatever the transport, when the provider reports its fetches (see {@link
   * dev.flowexec.sdk.transport.TokenFetchListener}; {@link
   * dev.flowexec.sdk.auth.CachingTokenProvider}, which both of the SDK's transports use for client
   * credentials, does). A token served from the provider's cache is no fetch and is not told. Told
   * between {@link #attemptStarted} and {@link #attemptFinished} of the attempt that needed the
   * token.
   *
   * @param event the fetch
   */
  default void tokenFetched(TokenFetched event) {}

  /**
   * An attempt's request is about to be sent again, within the attempt: the service refused its
   * token ({@code 401 invalid_token}) and a new one came. Every request on the wire is one that
   * listeners hear of: an attempt starts with one ({@link #attemptStarted}), and this tells of the
   * second. A listener may add headers to the new request with {@link
   * RequestResent#addHeader(String, String)}, replacing those of the same name that it added at
   * {@link #attemptStarted} (a {@code traceparent} naming the new request's span). Told by every
   * transport that honours {@link dev.flowexec.sdk.transport.CallOptions#resendListener()}, as both
   * of the SDK's do.
   *
   * @param event the re-send
   */
  default void requestResent(RequestResent event) {}

  /**
   * A failed attempt will be retried after a delay.
   *
   * @param event the failed attempt and the delay
   */
  default void retryScheduled(RetryScheduled event) {}

  /**
   * The call ended, for good: the final outcome. Told exactly once per call, before the caller sees
   * the result.
   *
   * @param event the outcome
   */
  default void callFinished(CallFinished event) {}

  /**
   * Returns a listener that does nothing.
   *
   * @return the no-op listener
   */
  static ExecutionListener noop() {
    return NoopListener.INSTANCE;
  }

  /** What every event says: which call of which operation, on which execution. */
  abstract class CallEvent {
    private final long callId;
    private final Operation operation;
    private final String flowExecutionId;

    CallEvent(long callId, Operation operation, String flowExecutionId) {
      this.callId = callId;
      this.operation = Objects.requireNonNull(operation, "operation");
      this.flowExecutionId = Objects.requireNonNull(flowExecutionId, "flowExecutionId");
    }

    /**
     * Returns a number that is the same for every event of one call and differs between calls in
     * this JVM: the key for state a listener keeps per call (a span, a timer sample).
     *
     * @return the call's id
     */
    public final long callId() {
      return callId;
    }

    /**
     * Returns the operation.
     *
     * @return launch or get
     */
    public final Operation operation() {
      return operation;
    }

    /**
     * Returns the execution's id: the launch request's {@code flow_execution_id}, or the id read.
     *
     * @return the id
     */
    public final String flowExecutionId() {
      return flowExecutionId;
    }

    String describe() {
      return "call=" + callId + ", operation=" + operation + ", flowExecutionId=" + flowExecutionId;
    }
  }

  /** A call began. */
  final class CallStarted extends CallEvent {
    private final String flowId;

    /**
     * Creates the event of a call whose flow is not known yet, such as a read; the client makes
     * these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     */
    public CallStarted(long callId, Operation operation, String flowExecutionId) {
      this(callId, operation, flowExecutionId, null);
    }

    /**
     * Creates the event; the client makes these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     * @param flowId the flow's id when known (a launch's {@code flow_id}), else null
     */
    public CallStarted(long callId, Operation operation, String flowExecutionId, String flowId) {
      super(callId, operation, flowExecutionId);
      this.flowId = flowId;
    }

    /**
     * Returns the flow's id when it is known before any response: a launch request's {@code
     * flow_id}, so that a launch that fails can still be told by its flow.
     *
     * @return the flow id of a launch; empty for a read, whose flow its response names
     */
    public Optional<String> flowId() {
      return Optional.ofNullable(flowId);
    }

    @Override
    public String toString() {
      return "CallStarted{" + describe() + (flowId != null ? ", flowId=" + flowId : "") + "}";
    }
  }

  /** An attempt is about to be sent; listeners may add headers to it. */
  final class AttemptStarted extends CallEvent {
    private final int attempt;
    private final URI baseUrl;
    private final AddedHeaders addedHeaders = new AddedHeaders();

    /**
     * Creates the event; the client makes these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     * @param attempt the attempt's number, from 1
     * @param baseUrl the transport's base URL without user info, or null when it does not say
     */
    public AttemptStarted(
        long callId, Operation operation, String flowExecutionId, int attempt, URI baseUrl) {
      super(callId, operation, flowExecutionId);
      this.attempt = attempt;
      this.baseUrl = baseUrl;
    }

    /**
     * Returns the attempt's number.
     *
     * @return 1 for the first attempt, 2 for the first retry, ...
     */
    public int attempt() {
      return attempt;
    }

    /**
     * Returns the HTTP method of the attempt.
     *
     * @return {@code POST} or {@code GET}
     */
    public String httpMethod() {
      return operation().httpMethod();
    }

    /**
     * Returns the transport's base URL, without user info, query or fragment, when the transport
     * tells it ({@link dev.flowexec.sdk.transport.FlowTransport#baseUrl()}).
     *
     * @return the base URL, such as {@code https://flows.example.com}
     */
    public Optional<URI> baseUrl() {
      return Optional.ofNullable(baseUrl);
    }

    /**
     * Returns the full URL of the attempt, without user info, when the transport tells its base
     * URL.
     *
     * @return the URL, such as {@code https://flows.example.com/api/v2/flows/executions}
     */
    public Optional<String> url() {
      if (baseUrl == null) {
        return Optional.empty();
      }
      String base = baseUrl.toString();
      return Optional.of(
          (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
              + operation().path(flowExecutionId()));
    }

    /**
     * Adds a header to this attempt alone, on top of the call's {@link CallOptions#headers()}: for
     * a trace context ({@code traceparent}) or a per-attempt correlation id. Every transport sends
     * it, on each HTTP request of the attempt. The same rules as for {@link CallOptions} apply: the
     * headers the SDK owns are refused.
     *
     * @param name the header's name
     * @param value its value, one line
     * @throws IllegalArgumentException if the header is not allowed
     */
    public void addHeader(String name, String value) {
      addedHeaders.add(name, value);
    }

    /**
     * Returns the headers listeners added to this attempt so far.
     *
     * @return an unmodifiable map, empty when none were added
     */
    public Map<String, String> addedHeaders() {
      return addedHeaders.snapshot();
    }

    @Override
    public String toString() {
      return "AttemptStarted{" + describe() + ", attempt=" + attempt + "}";
    }
  }

  /** An attempt ended, with a response or a failure. */
  final class AttemptFinished extends CallEvent {
    private final int attempt;
    private final Duration duration;
    private final TransportResponse response;
    private final RuntimeException failure;

    /**
     * Creates the event; the client makes these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     * @param attempt the attempt's number, from 1
     * @param duration how long it took
     * @param response the response on success, else null
     * @param failure the failure, else null
     */
    public AttemptFinished(
        long callId,
        Operation operation,
        String flowExecutionId,
        int attempt,
        Duration duration,
        TransportResponse response,
        RuntimeException failure) {
      super(callId, operation, flowExecutionId);
      this.attempt = attempt;
      this.duration = Objects.requireNonNull(duration, "duration");
      this.response = response;
      this.failure = failure;
    }

    /**
     * Returns the attempt's number.
     *
     * @return from 1
     */
    public int attempt() {
      return attempt;
    }

    /**
     * Returns how long the attempt took, token fetch included.
     *
     * @return the duration
     */
    public Duration duration() {
      return duration;
    }

    /**
     * Returns the response of a successful attempt: execution, status code, headers.
     *
     * @return the response, or empty when the attempt failed
     */
    public Optional<TransportResponse> response() {
      return Optional.ofNullable(response);
    }

    /**
     * Returns the execution of a successful attempt.
     *
     * @return the execution, or empty when the attempt failed
     */
    public Optional<FlowExecution> execution() {
      return response == null ? Optional.empty() : Optional.of(response.execution());
    }

    /**
     * Returns why the attempt failed: usually a {@link FlowApiException} with its {@code
     * statusCode()} and {@code errorCode()}.
     *
     * @return the failure, or empty on success
     */
    public Optional<RuntimeException> failure() {
      return Optional.ofNullable(failure);
    }

    /**
     * Returns the HTTP status the attempt got, success or not.
     *
     * @return the status, or 0 when no response arrived (an I/O failure, a timeout)
     */
    public int statusCode() {
      if (response != null) {
        return response.statusCode();
      }
      return failure instanceof FlowApiException ? ((FlowApiException) failure).statusCode() : 0;
    }

    /**
     * Returns the service's request id of the attempt's response, success or not.
     *
     * @return the request id, or empty when there was none
     */
    public Optional<String> requestId() {
      if (response != null) {
        return response.requestId();
      }
      return failure instanceof FlowApiException
          ? ((FlowApiException) failure).requestId()
          : Optional.empty();
    }

    @Override
    public String toString() {
      return "AttemptFinished{"
          + describe()
          + ", attempt="
          + attempt
          + ", duration="
          + duration
          + ", statusCode="
          + statusCode()
          + (failure != null ? ", failure=" + failure.getClass().getSimpleName() : "")
          + "}";
    }
  }

  /**
   * An access token was fetched for an attempt, or could not be. Carries no token or secret: only
   * how long the fetch took, why it was made, and how it failed.
   */
  final class TokenFetched extends CallEvent {
    private final int attempt;
    private final URI tokenUrl;
    private final Duration duration;
    private final boolean forcedRefresh;
    private final RuntimeException failure;

    /**
     * Creates the event; the client makes these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     * @param attempt the number of the attempt the token was for, from 1
     * @param tokenUrl the token endpoint, without user info or query, or null when unknown
     * @param duration how long the fetch took
     * @param forcedRefresh whether it replaced a token the service refused
     * @param failure why no token came, or null when one came
     */
    public TokenFetched(
        long callId,
        Operation operation,
        String flowExecutionId,
        int attempt,
        URI tokenUrl,
        Duration duration,
        boolean forcedRefresh,
        RuntimeException failure) {
      super(callId, operation, flowExecutionId);
      this.attempt = attempt;
      this.tokenUrl = tokenUrl;
      this.duration = Objects.requireNonNull(duration, "duration");
      this.forcedRefresh = forcedRefresh;
      this.failure = failure;
    }

    /**
     * Returns the number of the attempt the token was for.
     *
     * @return from 1
     */
    public int attempt() {
      return attempt;
    }

    /**
     * Returns the token endpoint the request went to.
     *
     * @return the URL, without user info or query; empty when the provider does not say
     */
    public Optional<URI> tokenUrl() {
      return Optional.ofNullable(tokenUrl);
    }

    /**
     * Returns how long the fetch took.
     *
     * @return the duration
     */
    public Duration duration() {
      return duration;
    }

    /**
     * Tells whether the fetch replaced a token the service had just refused ({@code 401
     * invalid_token}), rather than getting a first token or renewing one before it expired.
     *
     * @return true for a refresh forced by a refusal
     */
    public boolean forcedRefresh() {
      return forcedRefresh;
    }

    /**
     * Returns why no token came: an {@link dev.flowexec.sdk.errors.AuthenticationException} when
     * the identity provider refused the credentials, a {@link
     * dev.flowexec.sdk.errors.ServerException} or {@link
     * dev.flowexec.sdk.errors.RateLimitedException} when it failed, a {@link
     * dev.flowexec.sdk.errors.TransportException} when no response came.
     *
     * @return the failure, or empty when a token came
     */
    public Optional<RuntimeException> failure() {
      return Optional.ofNullable(failure);
    }

    /**
     * Returns the error code of a failed fetch: an RFC 6749 code such as {@code invalid_client}, or
     * the SDK's own ({@code server_error}, {@code transport_error}, ...).
     *
     * @return the code, or empty when a token came or the failure has no code
     */
    public Optional<String> errorCode() {
      return failure instanceof FlowApiException
          ? Optional.ofNullable(((FlowApiException) failure).errorCode())
          : Optional.empty();
    }

    /**
     * Returns the token endpoint's HTTP status of a failed fetch.
     *
     * @return the status, or 0 when a token came or no response arrived
     */
    public int statusCode() {
      return failure instanceof FlowApiException ? ((FlowApiException) failure).statusCode() : 0;
    }

    @Override
    public String toString() {
      return "TokenFetched{"
          + describe()
          + ", attempt="
          + attempt
          + ", duration="
          + duration
          + ", forcedRefresh="
          + forcedRefresh
          + (failure != null ? ", failure=" + failure.getClass().getSimpleName() : "")
          + "}";
    }
  }

  /**
   * An attempt's request is about to be sent again with a new token, after the service refused the
   * attempt's first one; listeners may set headers of the new request.
   */
  final class RequestResent extends CallEvent {
    private final int attempt;
    private final Duration duration;
    private final FlowApiException refusal;
    private final AddedHeaders addedHeaders = new AddedHeaders();

    /**
     * Creates the event; the client makes these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     * @param attempt the number of the attempt whose request is sent again, from 1
     * @param duration how long the refused request took, from the attempt's start
     * @param refusal what the service answered the first request: {@code 401 invalid_token}
     */
    public RequestResent(
        long callId,
        Operation operation,
        String flowExecutionId,
        int attempt,
        Duration duration,
        FlowApiException refusal) {
      super(callId, operation, flowExecutionId);
      this.attempt = attempt;
      this.duration = Objects.requireNonNull(duration, "duration");
      this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    /**
     * Returns the number of the attempt whose request is sent again.
     *
     * @return from 1
     */
    public int attempt() {
      return attempt;
    }

    /**
     * Returns how long the refused request took, from the attempt's start (its token fetch, if any,
     * included) to its {@code 401}. The attempt's {@link AttemptFinished#duration()} covers both
     * requests: the re-send took the difference.
     *
     * @return the duration
     */
    public Duration duration() {
      return duration;
    }

    /**
     * Returns what the service answered the request that is sent again: its status (401), error
     * code ({@code invalid_token}) and request id.
     *
     * @return the refusal
     */
    public FlowApiException refusal() {
      return refusal;
    }

    /**
     * Sets a header of the new request alone, replacing one of the same name the attempt carried
     * (such as the {@code traceparent} added at {@link ExecutionListener#attemptStarted}). The
     * rules of {@link CallOptions#headers()} apply.
     *
     * @param name the header's name
     * @param value its value, one line
     * @throws IllegalArgumentException if the header is not allowed
     */
    public void addHeader(String name, String value) {
      addedHeaders.add(name, value);
    }

    /**
     * Returns the headers listeners set on the new request so far.
     *
     * @return an unmodifiable map, empty when none were set
     */
    public Map<String, String> addedHeaders() {
      return addedHeaders.snapshot();
    }

    /** The attempt's headers with those listeners set here on top. */
    Map<String, String> headersOver(Map<String, String> headers) {
      return addedHeaders.over(headers);
    }

    @Override
    public String toString() {
      return "RequestResent{"
          + describe()
          + ", attempt="
          + attempt
          + ", duration="
          + duration
          + ", refusal="
          + refusal.statusCode()
          + " "
          + refusal.errorCode()
          + "}";
    }
  }

  /** A failed attempt will be retried after a delay. */
  final class RetryScheduled extends CallEvent {
    private final int attempt;
    private final Duration delay;
    private final FlowApiException cause;

    /**
     * Creates the event; the client makes these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     * @param attempt the number of the attempt that failed
     * @param delay how long the client waits before the next attempt
     * @param cause why the attempt failed
     */
    public RetryScheduled(
        long callId,
        Operation operation,
        String flowExecutionId,
        int attempt,
        Duration delay,
        FlowApiException cause) {
      super(callId, operation, flowExecutionId);
      this.attempt = attempt;
      this.delay = Objects.requireNonNull(delay, "delay");
      this.cause = Objects.requireNonNull(cause, "cause");
    }

    /**
     * Returns the number of the attempt that failed.
     *
     * @return from 1
     */
    public int attempt() {
      return attempt;
    }

    /**
     * Returns how long the client waits before the next attempt.
     *
     * @return the delay
     */
    public Duration delay() {
      return delay;
    }

    /**
     * Returns why the attempt failed; its {@code errorCode()} is the retry's reason.
     *
     * @return the failure
     */
    public FlowApiException cause() {
      return cause;
    }

    @Override
    public String toString() {
      return "RetryScheduled{"
          + describe()
          + ", attempt="
          + attempt
          + ", delay="
          + delay
          + ", cause="
          + cause.errorCode()
          + "}";
    }
  }

  /** The call ended, for good. */
  final class CallFinished extends CallEvent {
    private final int attempts;
    private final Duration duration;
    private final ExecutionResponse response;
    private final RuntimeException failure;

    /**
     * Creates the event; the client makes these, tests of a listener may too.
     *
     * @param callId the call's id
     * @param operation the operation
     * @param flowExecutionId the execution's id
     * @param attempts how many attempts were sent
     * @param duration how long the whole call took, retries included
     * @param response the execution and metadata on success, else null
     * @param failure what the caller gets on failure, else null
     */
    public CallFinished(
        long callId,
        Operation operation,
        String flowExecutionId,
        int attempts,
        Duration duration,
        ExecutionResponse response,
        RuntimeException failure) {
      super(callId, operation, flowExecutionId);
      this.attempts = attempts;
      this.duration = Objects.requireNonNull(duration, "duration");
      this.response = response;
      this.failure = failure;
    }

    /**
     * Returns how many attempts were sent.
     *
     * @return 0 when the call ended before its first attempt, else at least 1
     */
    public int attempts() {
      return attempts;
    }

    /**
     * Returns how long the whole call took, retries included.
     *
     * @return the duration
     */
    public Duration duration() {
      return duration;
    }

    /**
     * Returns the execution on success.
     *
     * @return the execution, or empty when the call failed
     */
    public Optional<FlowExecution> execution() {
      return response == null ? Optional.empty() : Optional.of(response.execution());
    }

    /**
     * Returns how a successful call went: status, replayed, request id, attempts, elapsed time,
     * headers (what {@link FlowExecutionsClient#withResponse()} returns).
     *
     * @return the metadata, or empty when the call failed
     */
    public Optional<ResponseMetadata> metadata() {
      return response == null ? Optional.empty() : Optional.of(response.metadata());
    }

    /**
     * Returns what the caller gets on failure: usually a {@link FlowApiException}; a {@link
     * java.util.concurrent.CancellationException} when the caller cancelled.
     *
     * @return the failure, or empty on success
     */
    public Optional<RuntimeException> failure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
      return "CallFinished{"
          + describe()
          + ", attempts="
          + attempts
          + ", duration="
          + duration
          + (response != null ? ", statusCode=" + response.metadata().statusCode() : "")
          + (failure != null ? ", failure=" + failure.getClass().getSimpleName() : "")
          + "}";
    }
  }
}
