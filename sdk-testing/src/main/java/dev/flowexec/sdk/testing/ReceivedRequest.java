package dev.flowexec.sdk.testing;

import dev.flowexec.sdk.testing.internal.LoggedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request the emulator received, any endpoint, whatever it answered. Immutable. */
public final class ReceivedRequest {
  private final LoggedRequest logged;

  ReceivedRequest(LoggedRequest logged) {
    this.logged = logged;
  }

  /**
   * The {@code request_id} the emulator gave this request (the {@code X-Request-Id} it sent back,
   * if it answered).
   *
   * @return the id
   */
  public String requestId() {
    return logged.requestId();
  }

  /**
   * When the request came, on the emulator's clock.
   *
   * @return the instant
   */
  public Instant receivedAt() {
    return logged.receivedAt();
  }

  /**
   * The HTTP method.
   *
   * @return for example {@code POST}
   */
  public String method() {
    return logged.method();
  }

  /**
   * The path and query as sent (not decoded).
   *
   * @return for example {@code /api/v2/flows/executions}
   */
  public String path() {
    return logged.path();
  }

  /**
   * All headers.
   *
   * @return an unmodifiable map from lower-case name to values
   */
  public Map<String, List<String>> headers() {
    return logged.headers();
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, empty if the header was absent
   */
  public Optional<String> header(String name) {
    List<String> values = logged.headers().get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The body decoded as UTF-8; bodies over 1 MiB are cut there (see {@link #bodySize()}).
   *
   * @return the body text, empty if none
   */
  public String body() {
    return logged.body();
  }

  /**
   * The size of the whole body in bytes.
   *
   * @return the size
   */
  public long bodySize() {
    return logged.bodySize();
  }

  @Override
  public String toString() {
    return "ReceivedRequest{" + method() + " " + path() + ", " + requestId() + "}";
  }
}
