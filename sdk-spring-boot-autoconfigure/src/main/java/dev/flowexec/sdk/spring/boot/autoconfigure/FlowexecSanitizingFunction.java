package dev.flowexec.sdk.spring.boot.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks {@code flowexec.auth.access-token}, {@code flowexec.auth.client-secret} and every {@code
 * flowexec.auth.token-parameters.*} whose name suggests a secret ({@code api_key}, {@code
 * client-password}) in the actuator's {@code configprops} and {@code env} endpoints, however the
 * key is spelled there ({@code flowexec.auth.clientSecret}, {@code flowexec.auth.client-secret},
 * {@code FLOWEXEC_AUTH_CLIENTSECRET}), even when {@code show-values} is {@code always}.
 */
final class FlowexecSanitizingFunction implements SanitizingFunction {
  private static final Set<String> SECRET_KEYS =
      Set.of("flowexecauthaccesstoken", "flowexecauthclientsecret");
  private static final String TOKEN_PARAMETERS = "flowexecauthtokenparameters";

  /**
   * Parts of a token parameter's name that say its value is a secret; others (audience) are shown.
   */
  private static final List<String> SECRET_WORDS =
      List.of("secret", "password", "token", "key", "assertion", "credential", "signature");

  @Override
  public SanitizableData apply(SanitizableData data) {
    String key = data.getKey();
    if (key == null || data.getValue() == null) {
      return data;
    }
    StringBuilder normalized = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '.' && c != '-' && c != '_' && c != '[' && c != ']') {
        normalized.append(c);
      }
    }
    String name = normalized.toString().toLowerCase(Locale.ROOT);
    if (SECRET_KEYS.contains(name)) {
      return data.withSanitizedValue();
    }
    if (name.startsWith(TOKEN_PARAMETERS)) {
      String parameter = name.substring(TOKEN_PARAMETERS.length());
      if (SECRET_WORDS.stream().anyMatch(parameter::contains)) {
        return data.withSanitizedValue();
      }
    }
    return data;
  }
}
