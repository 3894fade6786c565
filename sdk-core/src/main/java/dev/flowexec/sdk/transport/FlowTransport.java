package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.internal.BlockingCalls;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import java.util.concurrent.CompletableFuture;

/**
 * The SPI between {@link dev.flowexec.sdk.FlowExecutionsClient} and the wire: one method call is
 * one attempt, one HTTP exchange (plus a token fetch when needed).
 *
 * <p>A transport sends the request as the contract says (JSON body, {@code Idempotency-Key} equal
 * to {@code flow_execution_id}, bearer token), returns the execution on {@code 200} or
 * {@code 201}, and throws a {@link dev.flowexec.sdk.errors.FlowApiException} otherwise: failed
 * responses go through {@link ErrorMapper}, I/O failures become
 * {@link dev.flowexec.sdk.errors.TransportException}. It must not outlive
 * {@link CallOptions#timeout()}. It does not retry (beyond one token refresh on {@code 401}) and
 * does not validate requests: the client does both for every transport.
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
   * @return the execution: new ({@code 201}) or replayed ({@code 200})
   * @throws dev.flowexec.sdk.errors.FlowApiException on any failure
   */
  FlowExecution launch(LaunchRequest request, CallOptions options);

  /**
   * Sends one read attempt: {@code GET /api/v2/flows/executions/{flowExecutionId}}.
   *
   * @param flowExecutionId the execution's id
   * @param options the attempt's options; {@link CallOptions#timeout()} is the time left
   * @return the execution
   * @throws dev.flowexec.sdk.errors.FlowApiException on any failure
   */
  FlowExecution get(String flowExecutionId, CallOptions options);

  /**
   * Sends one launch attempt without blocking the caller.
   *
   * @param request the validated request
   * @param options the attempt's options
   * @return a future of the execution, failed with a
   *     {@link dev.flowexec.sdk.errors.FlowApiException}; cancelling it abandons the attempt
   */
  default CompletableFuture<FlowExecution> launchAsync(LaunchRequest request, CallOptions options) {
    return BlockingCalls.supplyAsync(() -> launch(request, options));
  }

  /**
   * Sends one read attempt without blocking the caller.
   *
   * @param flowExecutionId the execution's id
   * @param options the attempt's options
   * @return a future of the execution, failed with a
   *     {@link dev.flowexec.sdk.errors.FlowApiException}; cancelling it abandons the attempt
   */
  default CompletableFuture<FlowExecution> getAsync(String flowExecutionId, CallOptions options) {
    return BlockingCalls.supplyAsync(() -> get(flowExecutionId, options));
  }

  /** Releases the transport's threads and connections. Further calls fail. */
  @Override
  default void close() {}
}
