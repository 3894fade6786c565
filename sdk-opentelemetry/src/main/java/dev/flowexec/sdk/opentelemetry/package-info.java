/**
 * OpenTelemetry tracing for {@link dev.flowexec.sdk.FlowExecutionsClient}: register {@link
 * dev.flowexec.sdk.opentelemetry.FlowexecTracing} as a listener.
 */
package dev.flowexec.sdk.opentelemetry;
