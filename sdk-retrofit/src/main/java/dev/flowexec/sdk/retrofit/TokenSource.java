package dev.flowexec.sdk.retrofit;

/**
 * Where a transport's tokens come from, as {@link RetrofitTransport.Builder} was told: whether a
 * refused token can be replaced, and what to tell a person whose token the service refused for good
 * ({@code 401 invalid_token}). Not public API.
 */
enum TokenSource {
  /** {@code credentials(...)}: fetched from the token endpoint, renewed once when refused. */
  CREDENTIALS(
      true,
      "The token is unknown or expired, and a fresh one from the token endpoint was refused too:"
          + " check the client credentials, and that the token endpoint issues tokens for this"
          + " service"),

  /** {@code accessToken(...)}: one fixed token, never renewed. */
  FIXED_TOKEN(
      false,
      "The access token given to accessToken(...) was refused: it is unknown, malformed or"
          + " expired, and a fixed token cannot be renewed. Pass a fresh token, or configure"
          + " credentials(...) or tokenProvider(...) so that tokens are fetched and renewed"),

  /** {@code tokenProvider(...)}: the caller's provider, told of a refused token once. */
  PROVIDER(
      true,
      "The token from tokenProvider(...) was refused, and the provider offered no other that the"
          + " service accepted after invalidate(token) was called: check where the provider gets"
          + " its tokens, and that it replaces an invalidated one");

  private final boolean renewable;
  private final String refusedHint;

  TokenSource(boolean renewable, String refusedHint) {
    this.renewable = renewable;
    this.refusedHint = refusedHint;
  }

  /**
   * Tells whether a refused token may be replaced by another.
   *
   * @return false for a fixed token
   */
  boolean renewable() {
    return renewable;
  }

  /**
   * Returns what to do about a token the service refused for good.
   *
   * @return the hint, one or two sentences
   */
  String refusedHint() {
    return refusedHint;
  }
}
