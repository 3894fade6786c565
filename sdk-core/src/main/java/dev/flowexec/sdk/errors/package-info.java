/**
 * The unchecked exceptions of the SDK: one type per error of the contract, all under {@link
 * dev.flowexec.sdk.errors.FlowApiException}.
 *
 * <pre>{@code
 * try {
 *   client.launch(request);
 * } catch (InvalidRequestException e) {
 *   e.fieldErrors().forEach(f -> log.warn("{} {}: {}", f.field(), f.issue(), f.message()));
 * }
 * }</pre>
 */
@FlowexecStyle
package dev.flowexec.sdk.errors;

import dev.flowexec.sdk.internal.FlowexecStyle;
