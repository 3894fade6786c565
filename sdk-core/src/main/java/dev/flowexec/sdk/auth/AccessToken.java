package dev.flowexec.sdk.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.immutables.value.Value;

/**
 * An OAuth 2.0 bearer token: its value, the scopes it was granted (when known) and when it expires
 * (when known). {@link #toString()} never shows the value.
 */
@Value.Immutable
public abstract class AccessToken {
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
   * Starts a staged builder: {@code value}, then the optional {@code grantedScopes} and {@code
   * expiresAt}.
   *
   * @return the first stage
   */
  public static ValueStage builder() {
    return new Stages();
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

  /**
   * Returns a copy with another value.
   *
   * @param value the token
   * @return the copy
   */
  public abstract AccessToken withValue(String value);

  /**
   * Returns a copy with other granted scopes.
   *
   * @param grantedScopes the scopes; null when unknown
   * @return the copy
   */
  public abstract AccessToken withGrantedScopes(Set<String> grantedScopes);

  /**
   * Returns a copy with another expiry.
   *
   * @param expiresAt the expiry; null when unknown
   * @return the copy
   */
  public abstract AccessToken withExpiresAt(Instant expiresAt);

  @Value.Check
  AccessToken check() {
    if (value().isBlank()) {
      throw new IllegalArgumentException(
          "access token is blank: pass the token your identity provider issued");
    }
    for (int i = 0; i < value().length(); i++) {
      char c = value().charAt(i);
      if (c <= ' ' || c >= 127) {
        // Never echo the value: it is a secret.
        throw new IllegalArgumentException(
            "access token has a space, line break or non-ASCII character at index "
                + i
                + ": pass the bare token, without \"Bearer \" or surrounding whitespace");
      }
    }
    // Keep the caller's set from changing the token afterwards.
    Optional<Set<String>> scopes = grantedScopes();
    if (scopes.isPresent() && !(scopes.get() instanceof FrozenScopes)) {
      return withGrantedScopes(new FrozenScopes(scopes.get()));
    }
    return this;
  }

  /** An immutable copy of granted scopes, in the caller's order, that {@link #check} recognizes. */
  private static final class FrozenScopes extends AbstractSet<String> {
    private final Set<String> scopes;

    FrozenScopes(Set<String> scopes) {
      Set<String> copy = new LinkedHashSet<>(scopes.size() * 2);
      for (String scope : scopes) {
        copy.add(Objects.requireNonNull(scope, "a granted scope is null"));
      }
      this.scopes = Collections.unmodifiableSet(copy);
    }

    @Override
    public Iterator<String> iterator() {
      return scopes.iterator();
    }

    @Override
    public boolean contains(Object scope) {
      return scopes.contains(scope);
    }

    @Override
    public int size() {
      return scopes.size();
    }

    @Override
    public boolean add(String scope) {
      throw new UnsupportedOperationException("granted scopes are immutable");
    }

    @Override
    public boolean remove(Object scope) {
      throw new UnsupportedOperationException("granted scopes are immutable");
    }

    @Override
    public boolean addAll(Collection<? extends String> more) {
      throw new UnsupportedOperationException("granted scopes are immutable");
    }

    @Override
    public boolean removeAll(Collection<?> others) {
      throw new UnsupportedOperationException("granted scopes are immutable");
    }

    @Override
    public boolean retainAll(Collection<?> others) {
      throw new UnsupportedOperationException("granted scopes are immutable");
    }

    @Override
    public boolean removeIf(Predicate<? super String> filter) {
      throw new UnsupportedOperationException("granted scopes are immutable");
    }

    @Override
    public void clear() {
      throw new UnsupportedOperationException("granted scopes are immutable");
    }
  }

  /** The first stage of {@link #builder()}: the token's value. */
  public interface ValueStage {
    /**
     * Sets the secret value sent as {@code Authorization: Bearer <value>}.
     *
     * @param value the bare token: no {@code "Bearer "}, spaces or line breaks
     * @return the last stage
     */
    Builder value(String value);
  }

  /**
   * The last stage of {@link #builder()}: the optional fields, then {@link #build()}. Each setter
   * returns this builder; a null means unknown.
   */
  public interface Builder {
    /**
     * Sets the scopes the token was granted.
     *
     * @param grantedScopes the scopes, copied; null when unknown
     * @return this builder
     */
    Builder grantedScopes(Set<String> grantedScopes);

    /**
     * Sets when the token stops being accepted.
     *
     * @param expiresAt the expiry; null when unknown
     * @return this builder
     */
    Builder expiresAt(Instant expiresAt);

    /**
     * Builds the token.
     *
     * @return the token
     * @throws IllegalArgumentException if the value is blank or has a space, line break or
     *     non-ASCII character
     */
    AccessToken build();
  }

  /** The stages over the generated builder, which stays out of sight. */
  private static final class Stages implements ValueStage, Builder {
    private final ImmutableAccessToken.Builder builder = ImmutableAccessToken.newBuilder();

    @Override
    public Builder value(String value) {
      builder.value(value);
      return this;
    }

    @Override
    public Builder grantedScopes(Set<String> grantedScopes) {
      builder.grantedScopes(grantedScopes);
      return this;
    }

    @Override
    public Builder expiresAt(Instant expiresAt) {
      builder.expiresAt(expiresAt);
      return this;
    }

    @Override
    public AccessToken build() {
      return builder.build();
    }
  }
}
