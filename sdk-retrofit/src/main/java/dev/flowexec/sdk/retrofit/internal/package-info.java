/**
 * Implementation details of the Retrofit transport. Not public API: anything here may change in
 * any release. Use {@link dev.flowexec.sdk.retrofit.RetrofitTransport} and
 * {@link dev.flowexec.sdk.retrofit.FlowJsonCodec} instead.
 *
 * <pre>{@code
 * // What the transport does per launch, in short:
 * String key = StructuredFieldString.of(request.flowExecutionId()); // "\"2b1f3c9e-...\""
 * }</pre>
 */
package dev.flowexec.sdk.retrofit.internal;
