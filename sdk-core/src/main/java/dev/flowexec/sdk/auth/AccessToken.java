package dev.flowexec.sdk.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * An OAuth 2.0 bearer token: its value, the scopes it was granted (when known) and when it
 * expires (when known). {@link #toString()} never shows the value.
 */
@Value.Immutable
public abstract class AccessToken implements WithAccessToken {
  AccessToken() {}

  /**
   * Returns a token whose scopes and expiry are unknown, such as one you were handed.
   *
   * @param value the token
   * @return the token
   */
  public static AccessToken of(String value) {
    return builder().value(value).build();
  }

  /**
   * Starts a staged builder: {@code value}, then the optional {@code grantedScopes} and
   * {@code expiresAt}.
   *
   * @return the first stage
   */
  public static ImmutableAccessToken.ValueBuildStage builder() {
    return ImmutableAccessToken.builder();
  }

  /**
   * Returns the secret value sent as {@code Authorization: Bearer <value>}.
   *
   * @return the value; never shown by {@code toString}
   */
  @Value.Redacted
  public abstract String value();

  /**
   * Returns the scopes the token was granted.
   *
   * @return the scopes; absent when unknown, in which case no scope is checked before sending
   */
  public abstract Optional<Set<String>> grantedScopes();

  /**
   * Returns when the token stops being accepted.
   *
   * @return the expiry; absent when unknown
   */
  public abstract Optional<Instant> expiresAt();

  /**
   * Tells whether the token is expired, or will be within {@code skew}.
   *
   * @param now the current instant
   * @param skew how early to treat it as expired, to cover clock drift and travel time
   * @return true when it should be renewed before use
   */
  public boolean isExpired(Instant now, Duration skew) {
    return expiresAt().map(at -> !now.plus(skew).isBefore(at)).orElse(false);
  }

  @Value.Check
  void check() {
    if (value().isBlank()) {
      throw new IllegalArgumentException("access token is blank: pass the token your identity provider issued");
    }
    for (int i = 0; i < value().length(); i++) {
      char c = value().charAt(i);
      if (c <= ' ' || c >= 127) {
        // Never echo the value: it is a secret.
        throw new IllegalArgumentException("access token has a space, line break or non-ASCII character at index "
            + i + ": pass the bare token, without \"Bearer \" or surrounding whitespace");
      }
    }
  }
}
