package dev.flowexec.sdk.testing.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens the emulator has issued: opaque random strings, each with its scopes and expiry
 * on the emulator's clock. Thread-safe.
 */
public final class TokenStore {
  /** What a token lookup found. */
  public enum State {
    /** The token is known and not expired. */
    VALID,
    /** The token was issued but has expired (or was expired on purpose). */
    EXPIRED,
    /** The token was never issued, or was revoked. */
    UNKNOWN
  }

  private static final class Issued {
    final Set<String> scopes;
    volatile Instant expiresAt; // null: never

    Issued(Set<String> scopes, Instant expiresAt) {
      this.scopes = scopes;
      this.expiresAt = expiresAt;
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Clock clock;

  /**
   * Creates an empty store.
   *
   * @param clock the clock that expiry is measured on
   */
  public TokenStore(Clock clock) {
    this.clock = clock;
  }

  /**
   * Issues a new token.
   *
   * @param scopes its scopes
   * @param lifetime how long it is valid, or {@code null} for ever
   * @return the token
   */
  public String issue(Set<String> scopes, Duration lifetime) {
    purgeExpired();
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "fet_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = lifetime == null ? null : clock.instant().plus(lifetime);
    tokens.put(token, new Issued(Set.copyOf(scopes), expiresAt));
    return token;
  }

  /**
   * Looks a token up.
   *
   * @param token the token
   * @return its state
   */
  public State state(String token) {
    Issued issued = tokens.get(token);
    if (issued == null) {
      return State.UNKNOWN;
    }
    Instant expiresAt = issued.expiresAt;
    return expiresAt != null && !clock.instant().isBefore(expiresAt) ? State.EXPIRED : State.VALID;
  }

  /**
   * The scopes of a token.
   *
   * @param token the token
   * @return its scopes, empty if unknown
   */
  public Set<String> scopes(String token) {
    Issued issued = tokens.get(token);
    return issued == null ? Set.of() : issued.scopes;
  }

  /**
   * Makes a token expired from now on.
   *
   * @param token the token
   * @return whether the token was known
   */
  public boolean expire(String token) {
    Issued issued = tokens.get(token);
    if (issued == null) {
      return false;
    }
    issued.expiresAt = clock.instant();
    return true;
  }

  /**
   * Forgets a token, so that it is unknown from now on.
   *
   * @param token the token
   * @return whether the token was known
   */
  public boolean revoke(String token) {
    return tokens.remove(token) != null;
  }

  /** Forgets every token. */
  public void clear() {
    tokens.clear();
  }

  /** Forgets the tokens that expired more than a day ago, so the store does not grow. */
  private void purgeExpired() {
    Instant horizon = clock.instant().minus(Duration.ofDays(1));
    for (Iterator<Issued> it = tokens.values().iterator(); it.hasNext(); ) {
      Instant expiresAt = it.next().expiresAt;
      if (expiresAt != null && expiresAt.isBefore(horizon)) {
        it.remove();
      }
    }
  }
}
