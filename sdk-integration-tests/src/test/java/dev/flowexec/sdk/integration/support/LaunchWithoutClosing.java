package dev.flowexec.sdk.integration.support;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.examples.HttpClientTransport;
import dev.flowexec.sdk.retrofit.RetrofitTransport;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;

/**
 * A program that launches once with {@code launchAsync} and returns from {@code main} without
 * closing anything, as forgetful programs do. Arguments: {@code retrofit|http-client}, the base
 * URL, a token. The JVM must then exit at once: every thread the SDK made is a daemon.
 */
public final class LaunchWithoutClosing {
  private LaunchWithoutClosing() {}

  public static void main(String[] args) {
    FlowTransport transport =
        args[0].equals("retrofit")
            ? RetrofitTransport.builder().baseUrl(args[1]).accessToken(args[2]).build()
            : new HttpClientTransport(URI.create(args[1]), AccessTokenProvider.of(args[2]));
    FlowExecutionsClient client = FlowExecutionsClient.builder().transport(transport).build();
    System.out.println(client.launchAsync(TestFlows.request()).join().status().value());
  }
}
