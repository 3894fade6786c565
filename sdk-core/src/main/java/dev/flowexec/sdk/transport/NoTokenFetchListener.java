package dev.flowexec.sdk.transport;

import java.net.URI;
import java.time.Duration;

/** The listener that ignores every token fetch, so that "no listener" is one shared instance. */
enum NoTokenFetchListener implements TokenFetchListener {
  INSTANCE;

  @Override
  public void tokenFetched(
      URI tokenUrl, Duration elapsed, boolean forcedRefresh, RuntimeException failure) {}

  @Override
  public String toString() {
    return "TokenFetchListener.none()";
  }
}
