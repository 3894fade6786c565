package dev.flowexec.sdk.spring.boot.autoconfigure;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks {@code flowexec.access-token} and {@code flowexec.client-secret} in the actuator's
 * {@code configprops} and {@code env} endpoints, however the key is spelled there
 * ({@code flowexec.clientSecret}, {@code flowexec.client-secret}, {@code FLOWEXEC_CLIENTSECRET}),
 * even when {@code show-values} is {@code always}.
 */
final class FlowexecSanitizingFunction implements SanitizingFunction {
  private static final Set<String> SECRET_KEYS = Set.of("flowexecaccesstoken", "flowexecclientsecret");

  @Override
  public SanitizableData apply(SanitizableData data) {
    String key = data.getKey();
    if (key == null || data.getValue() == null) {
      return data;
    }
    StringBuilder normalized = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '.' && c != '-' && c != '_') {
        normalized.append(c);
      }
    }
    return SECRET_KEYS.contains(normalized.toString().toLowerCase(Locale.ROOT)) ? data.withSanitizedValue() : data;
  }
}
