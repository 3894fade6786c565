/**
 * The flowexec SDK: launch flow executions and follow them.
 *
 * <p>{@link dev.flowexec.sdk.FlowExecutionsClient} is the entry point. It validates, retries with a
 * stable idempotency key, enforces deadlines and reports to an {@link
 * dev.flowexec.sdk.ExecutionListener}, over any {@link dev.flowexec.sdk.transport.FlowTransport}.
 *
 * <pre>{@code
 * try (FlowExecutionsClient client = FlowExecutionsClient.builder()
 *     .transport(RetrofitTransport.builder()
 *         .baseUrl("https://api.example.com")
 *         .credentials(clientId, clientSecret)
 *         .build())
 *     .build()) {
 *   FlowExecution execution = client.launch(request);
 *   FlowExecution done = client.awaitCompletion(execution.flowExecutionId(), Duration.ofMinutes(1));
 * }
 * }</pre>
 */
@FlowexecStyle
package dev.flowexec.sdk;

import dev.flowexec.sdk.internal.FlowexecStyle;
