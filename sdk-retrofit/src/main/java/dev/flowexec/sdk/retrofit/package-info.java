/**
 * The Retrofit, OkHttp and Moshi transport: {@link dev.flowexec.sdk.retrofit.RetrofitTransport},
 * and {@link dev.flowexec.sdk.retrofit.FlowJsonCodec}, the contract's JSON for transports of your
 * own.
 *
 * <pre>{@code
 * try (RetrofitTransport transport = RetrofitTransport.builder()
 *     .baseUrl("https://flows.example.com")
 *     .credentials(System.getenv("FLOWS_CLIENT_ID"), System.getenv("FLOWS_CLIENT_SECRET"))
 *     .build()) {
 *   LaunchRequest request = LaunchRequest.builder()
 *       .flowId("abc-123")
 *       .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
 *       .channelType(Channel.WEB)
 *       .build();
 *   FlowExecution execution = transport.launch(request, CallOptions.ofTimeout(Duration.ofSeconds(10)));
 *   System.out.println(execution.status());
 * }
 * }</pre>
 */
package dev.flowexec.sdk.retrofit;
