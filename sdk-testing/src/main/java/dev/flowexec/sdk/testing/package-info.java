/**
 * An in-JVM emulator of the Flow Executions service (API v2) and its OAuth 2.0 token endpoint, for
 * tests of any HTTP client.
 *
 * <p>Start one with {@link dev.flowexec.sdk.testing.FlowExecutionsEmulator#builder()}, point the
 * client at {@link dev.flowexec.sdk.testing.FlowExecutionsEmulator#baseUrl()}, script failures with
 * {@link dev.flowexec.sdk.testing.FlowExecutionsEmulator#faults()} and inspect what happened with
 * {@link dev.flowexec.sdk.testing.FlowExecutionsEmulator#executions()} and {@link
 * dev.flowexec.sdk.testing.FlowExecutionsEmulator#requests()}.
 */
package dev.flowexec.sdk.testing;
