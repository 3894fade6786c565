package dev.flowexec.sdk.testing.internal.client;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.testing.TestClock;
import dev.flowexec.sdk.testing.internal.VirtualTimeScheduler;
import dev.flowexec.sdk.transport.FlowTransport;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wires a {@link FlowExecutionsClient} to an emulator: its URL, credentials that work, and, on a
 * {@link TestClock}, virtual time end to end (the client's clock, its sleeper and its scheduler all
 * on that clock).
 */
public final class EmulatorClients {
  private EmulatorClients() {}

  /**
   * A client builder authenticating with client credentials at the emulator's token endpoint.
   *
   * @param baseUrl the emulator's base URL
   * @param clientId a registered client
   * @param secret its secret
   * @param scopes the scopes to ask for; empty to ask for none (all the client may have)
   * @param clock the emulator's clock
   * @param scheduler the virtual-time scheduler when {@code clock} is a {@link TestClock}, else
   *     null
   * @return the builder, ready to build
   */
  public static FlowExecutionsClient.Builder withCredentials(
      String baseUrl,
      String clientId,
      String secret,
      Set<String> scopes,
      Clock clock,
      VirtualTimeScheduler scheduler) {
    RetrofitTransport.Builder transport =
        RetrofitTransport.builder().baseUrl(baseUrl).credentials(clientId, secret).clock(clock);
    if (!scopes.isEmpty()) {
      transport.scopes(new TreeSet<>(scopes));
    }
    return wire(transport.build(), clock, scheduler);
  }

  /**
   * A client builder authenticating with a ready access token.
   *
   * @param baseUrl the emulator's base URL
   * @param accessToken the token
   * @param clock the emulator's clock
   * @param scheduler the virtual-time scheduler when {@code clock} is a {@link TestClock}, else
   *     null
   * @return the builder, ready to build
   */
  public static FlowExecutionsClient.Builder withToken(
      String baseUrl, String accessToken, Clock clock, VirtualTimeScheduler scheduler) {
    return wire(
        RetrofitTransport.builder().baseUrl(baseUrl).accessToken(accessToken).clock(clock).build(),
        clock,
        scheduler);
  }

  private static FlowExecutionsClient.Builder wire(
      FlowTransport transport, Clock clock, VirtualTimeScheduler scheduler) {
    FlowExecutionsClient.Builder builder = FlowExecutionsClient.builder();
    if (scheduler == null) {
      return builder.transport(transport).clock(clock);
    }
    TestClock testClock = scheduler.clock();
    // A sleep is the clock moving: retries and polls of synchronous calls pass at once.
    return builder
        .transport(new TrackedTransport(transport, scheduler))
        .clock(testClock)
        .sleeper(testClock::advance)
        .scheduler(scheduler);
  }
}
