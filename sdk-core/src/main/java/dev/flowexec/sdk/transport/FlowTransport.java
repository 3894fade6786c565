package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.model.LaunchRequest;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SPI between {@link dev.flowexec.sdk.FlowExecutionsClient} and the wire: one method call is
 * one attempt, one HTTP exchange (plus a token fetch when needed).
 *
 * <p>A transport sends the request as the contract says (JSON body, {@code Idempotency-Key} equal
 * to {@code flow_execution_id}, bearer token, and every header of {@link CallOptions#headers()} on
 * every HTTP request of the attempt), returns the execution on {@code 200} or {@code 201} as a
 * {@link TransportResponse} with the status code and response headers, and throws a {@link
 * dev.flowexec.sdk.errors.FlowApiException} otherwise: failed responses go through {@link
 * ErrorMapper}, I/O failures become {@link dev.flowexec.sdk.errors.TransportException}. It must not
 * outlive {@link CallOptions#timeout()}. It does not retry (beyond one token refresh on {@code
 * 401}) and does not validate requests: the client does both for every transport.
 *
 * <p>The client builds each attempt's {@link CallOptions}: the caller's headers plus those that
 * layers such as tracing add for that attempt alone ({@code traceparent}, say). A transport that
 * sends {@code options.headers()} honours them all; it needs nothing else to be traced, measured
 * and logged by the client.
 *
 * <p>Implementations are thread-safe. Only {@link #launch} and {@link #get} are required; the async
 * defaults run them on a shared pool of daemon threads, and cancelling the returned future
 * interrupts that thread. Override them to use a truly asynchronous HTTP client.
 */
public interface FlowTransport extends AutoCloseable {
  /**
   * Sends one launch attempt: {@code POST /api/v2/flows/executions}.
   *
   * @param request the validated request
   * @param options the attempt's options; {@link CallOptions#timeout()} is the time left
   * @return the execution, new ({@code 201}) or replayed ({@code 200}), with its response
   * @throws dev.flowexec.sdk.errors.FlowApiException on any failure
   */
  TransportResponse launch(LaunchRequest request, CallOptions options);

  /**
   * Sends one read attempt: {@code GET /api/v2/flows/executions/{flowExecutionId}}.
   *
   * @param flowExecutionId the execution's id
   * @param options the attempt's options; {@link CallOptions#timeout()} is the time left
   * @return the execution, with its response
   * @throws dev.flowexec.sdk.errors.FlowApiException on any failure
   */
  TransportResponse get(String flowExecutionId, CallOptions options);

  /**
   * Sends one launch attempt without blocking the caller.
   *
   * @param request the validated request
   * @param options the attempt's options
   * @return a future of the response, failed with a {@link
   *     dev.flowexec.sdk.errors.FlowApiException}; cancelling it abandons the attempt
   */
  default CompletableFuture<TransportResponse> launchAsync(
      LaunchRequest request, CallOptions options) {
    return BlockingCalls.supplyAsync(() -> launch(request, options));
  }

  /**
   * Sends one read attempt without blocking the caller.
   *
   * @param flowExecutionId the execution's id
   * @param options the attempt's options
   * @return a future of the response, failed with a {@link
   *     dev.flowexec.sdk.errors.FlowApiException}; cancelling it abandons the attempt
   */
  default CompletableFuture<TransportResponse> getAsync(
      String flowExecutionId, CallOptions options) {
    return BlockingCalls.supplyAsync(() -> get(flowExecutionId, options));
  }

  /**
   * Returns the base URL requests go to, for logs, metrics and traces (which drop any user info in
   * it). Optional: the default is empty, and the client then reports paths alone.
   *
   * @return the base URL, such as {@code https://flows.example.com}
   */
  default Optional<URI> baseUrl() {
    return Optional.empty();
  }

  /** Releases the transport's threads and connections. Further calls fail. */
  @Override
  default void close() {}
}
