package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.errors.FlowApiException;
import java.util.Map;

/**
 * Hears that an attempt sends its request a second time on its own: after the service refused the
 * attempt's token ({@code 401 invalid_token}) and a new token came, the one re-send a transport
 * makes without the client. Every request on the wire is then one that listeners saw, and each can
 * carry headers of its own, such as a {@code traceparent} naming its own span.
 *
 * <p>The client puts one on each attempt's {@link CallOptions#resendListener()}; a transport calls
 * it just before it sends the request again, and sends the headers it returns on that request in
 * place of {@link CallOptions#headers()}. The client turns each call into an {@link
 * dev.flowexec.sdk.ExecutionListener#requestResent ExecutionListener.requestResent} event.
 */
@FunctionalInterface
public interface ResendListener {
  /**
   * The attempt's request is about to be sent again with a new token.
   *
   * @param headers the extra headers the refused request carried (the attempt's {@link
   *     CallOptions#headers()})
   * @param refusal why the request is sent again: the {@code 401 invalid_token} the service
   *     answered
   * @return the extra headers to send on the new request: {@code headers}, with the listeners'
   *     changes
   */
  Map<String, String> requestResent(Map<String, String> headers, FlowApiException refusal);

  /**
   * Returns a listener that keeps the headers as they were: what a transport gets when it is called
   * without the client.
   *
   * @return the no-op listener
   */
  static ResendListener none() {
    return NoResendListener.INSTANCE;
  }
}
