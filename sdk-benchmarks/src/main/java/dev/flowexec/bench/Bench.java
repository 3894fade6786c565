package dev.flowexec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;

/** What every contender shares: where the server is, the token, the fixed request values. */
public final class Bench {
  /**
   * System property (pass with JMH's {@code -jvmArgsAppend -D...}) naming the server's base URL.
   */
  public static final String BASE_URL_PROPERTY = "flowexec.bench.baseUrl";

  /** The fixed bearer token every contender sends; the server does not check it. */
  public static final String ACCESS_TOKEN = "bench-access-token";

  /** The flow every contender launches. */
  public static final String FLOW_ID = "abc-123";

  private static LoopbackServer inProcess;

  private Bench() {}

  /**
   * Returns the server's base URL: {@code flowexec.bench.baseUrl} when set (run.sh starts the
   * server as its own process), otherwise an in-process server started on first use.
   *
   * @return the base URL, no trailing slash
   */
  public static synchronized String baseUrl() {
    String configured = System.getProperty(BASE_URL_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    if (inProcess == null) {
      try {
        inProcess = LoopbackServer.start(0, 4);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return inProcess.baseUrl();
  }
}
