/**
 * The transport SPI: how the client reaches the service.
 *
 * <p>A transport turns one attempt into one HTTP exchange. Retries, deadlines, listener events and
 * validation live in {@link dev.flowexec.sdk.FlowExecutionsClient}, so every transport gets them.
 * Failed responses go through {@link dev.flowexec.sdk.transport.ErrorMapper}, the single place that
 * turns a status, an error body and headers into a typed exception.
 *
 * <p>Applications call a transport through the client, never directly (that would skip retries,
 * deadlines and listeners):
 *
 * <pre>{@code
 * FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).build();
 * }</pre>
 */
@FlowexecStyle
package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.internal.FlowexecStyle;
