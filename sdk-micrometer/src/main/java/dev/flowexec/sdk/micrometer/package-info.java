/**
 * Micrometer metrics for {@link dev.flowexec.sdk.FlowExecutionsClient}: register {@link
 * dev.flowexec.sdk.micrometer.FlowexecMetrics} as a listener.
 */
package dev.flowexec.sdk.micrometer;
