/**
 * The values a launch is made of and the execution it returns.
 *
 * <p>Every type here is immutable, with {@code equals}, {@code hashCode}, {@code toString} and
 * {@code with*} copies. Requests are made with staged builders: the compiler walks you through the
 * required fields in order, so a request missing {@code flow_id}, a participant or {@code
 * channel_type} does not compile.
 *
 * <pre>{@code
 * LaunchRequest request = LaunchRequest.builder()
 *     .flowId("abc-123")
 *     .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
 *     .channelType(Channel.WEB)
 *     .putInputData("order_id", "42")
 *     .build();
 * }</pre>
 */
@FlowexecStyle
package dev.flowexec.sdk.model;

import dev.flowexec.sdk.internal.FlowexecStyle;
