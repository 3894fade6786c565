package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.errors.FlowApiException;
import java.util.Map;

/** The resend listener that keeps every header as it was. */
enum NoResendListener implements ResendListener {
  INSTANCE;

  @Override
  public Map<String, String> requestResent(Map<String, String> headers, FlowApiException refusal) {
    return headers;
  }

  @Override
  public String toString() {
    return "ResendListener.none()";
  }
}
