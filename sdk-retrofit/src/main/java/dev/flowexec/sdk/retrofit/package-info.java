/**
 * The Retrofit, OkHttp and Moshi transport: {@link dev.flowexec.sdk.retrofit.RetrofitTransport},
 * whose builder's {@code client()} is the SDK's entry point for the common case, and {@link
 * dev.flowexec.sdk.retrofit.FlowJsonCodec}, the contract's JSON for transports of your own.
 *
 * <pre>{@code
 * try (FlowExecutionsClient client = RetrofitTransport.builder()
 *     .baseUrl("https://flows.example.com")
 *     .credentials(System.getenv("FLOWS_CLIENT_ID"), System.getenv("FLOWS_CLIENT_SECRET"))
 *     .client()
 *     .build()) {
 *   LaunchRequest request = LaunchRequest.builder()
 *       .flowId("abc-123")
 *       .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
 *       .channelType(Channel.WEB)
 *       .build();
 *   FlowExecution execution = client.launch(request);
 *   System.out.println(execution.status());
 * }
 * }</pre>
 */
package dev.flowexec.sdk.retrofit;
