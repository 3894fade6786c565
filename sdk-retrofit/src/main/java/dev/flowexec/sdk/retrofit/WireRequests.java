package dev.flowexec.sdk.retrofit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Keeps every request on the wire an attempt the transport decided. Two sides share the state of
 * one call: {@link #proceed}, run by {@link TransportInterceptor} (the innermost application
 * interceptor), and {@link #network()}.
 *
 * <ul>
 *   <li>OkHttp's own follow-ups never go out: a {@code 503} with {@code Retry-After: 0} is re-sent
 *       by OkHttp's retry interceptor, which also parses the header as an int (and throws on {@code
 *       99999999999}); the header is hidden from it on the way up and restored above it. Any other
 *       second request of one call (redirects, authenticators and connection retries are switched
 *       off in the client) fails instead of being sent.
 *   <li>A pooled connection that a proxy or load balancer closed while idle would fail the next
 *       request before any response arrives. Before a request is written on a reused HTTP/1.x
 *       connection, {@link ConnectionProbe} checks it; a dead one is closed and the request goes on
 *       another connection instead (up to {@value #MAX_RESENDS} times), without costing an attempt
 *       and without a byte having left on the dead one. The transport's own idle connections are
 *       evicted first, since they are likely dead too. A connection that dies as or after the
 *       request is written, before any response byte, fails the attempt with {@link
 *       ReusedConnectionLostException}: the service may have acted on it, so only the client may
 *       send it again (at no cost to its retry policy, on a fresh connection, as an attempt
 *       listeners see).
 *   <li>A failure before the call reached the network (DNS, connect, TLS handshake, a timeout while
 *       connecting) is wrapped in {@link NotSentException}: the request certainly never left.
 * </ul>
 *
 * <p>The state is thread-confined: OkHttp runs all interceptors of a call on one thread. Not public
 * API.
 */
final class WireRequests {
  /** Where a {@code 503}'s {@code Retry-After} waits while OkHttp's retry interceptor looks. */
  static final String HIDDEN_RETRY_AFTER = "Flowexec-Retry-After";

  static final int MAX_RESENDS = 3;

  // Per transport, not static: a call's network interceptor must find its own transport's call
  // state, even when calls of two transports nest on one thread. Removed when the call ends.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<CallState> current = new ThreadLocal<>();

  /**
   * Connections that have carried a request: a request on one of them is on a reused connection.
   */
  private final Set<Connection> used =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private final ConnectionPool ownPool;
  private final ConnectionProbe probe;

  /**
   * Creates the pair of interceptors' state.
   *
   * @param ownPool the transport's own connection pool, evicted after a stale connection; null when
   *     the pool is the caller's
   * @param probe tells whether a pooled connection died while idle
   */
  public WireRequests(ConnectionPool ownPool, ConnectionProbe probe) {
    this.ownPool = ownPool;
    this.probe = probe;
  }

  /**
   * Returns the network interceptor; add it first among the network interceptors.
   *
   * @return the interceptor
   */
  public Interceptor network() {
    return this::interceptWire;
  }

  /**
   * What the network side has done for the call this thread runs. One per thread, reused call after
   * call (a new one per call cost an object and a thread-local entry on every launch).
   */
  private static final class CallState {
    boolean active;
    int sent;
  }

  /**
   * Proceeds with a call, from the innermost application interceptor.
   *
   * @param chain the application chain
   * @return the response
   * @throws IOException the call's failure; a {@link NotSentException} when nothing was sent
   */
  public Response proceed(Interceptor.Chain chain) throws IOException {
    CallState state = current.get();
    if (state == null) {
      state = new CallState();
      current.set(state);
    }
    // An OkHttp call made from inside another one's interceptor: restore the outer call's state.
    boolean outerActive = state.active;
    int outerSent = state.sent;
    state.active = true;
    state.sent = 0;
    try {
      for (int resends = 0; ; resends++) {
        try {
          return restoreRetryAfter(chain.proceed(chain.request()));
        } catch (StaleConnectionException stale) {
          if (resends == MAX_RESENDS || chain.call().isCanceled()) {
            throw stale.failure();
          }
          if (ownPool != null) {
            ownPool.evictAll();
          }
        } catch (IOException failure) {
          throw state.sent == 0 ? new NotSentException(failure) : failure;
        }
      }
    } finally {
      state.active = outerActive;
      state.sent = outerSent;
    }
  }

  private Response interceptWire(Interceptor.Chain chain) throws IOException {
    CallState state = current.get();
    if (state == null || !state.active) {
      return chain.proceed(chain.request()); // not a call this transport made
    }
    if (state.sent > 0) {
      throw new IOException(
          "OkHttp tried to send "
              + chain.request().method()
              + " "
              + chain.request().url().encodedPath()
              + " a second time on its own (a follow-up): refused, "
              + "since every request on the wire must be an attempt the client decided");
    }
    Connection connection = chain.connection();
    boolean reused = connection != null && !used.add(connection);
    if (reused && isHttp1(connection) && probe.closedByPeer(connection.socket())) {
      connection.socket().close(); // so that the pool drops it
      throw new StaleConnectionException(
          new IOException(
              "the pooled connection to "
                  + chain.request().url().host()
                  + " was closed by the other side while idle"));
    }
    state.sent++;
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException failure) {
      if (!reused
          || !isHttp1(connection)
          || chain.call().isCanceled()
          || !lostBeforeResponse(failure)) {
        throw failure;
      }
      if (ownPool != null) {
        ownPool.evictAll(); // whatever closed this one likely closed its idle siblings too
      }
      throw new ReusedConnectionLostException(failure);
    }
    List<String> retryAfter = response.headers("Retry-After");
    if (response.code() != 503 || retryAfter.isEmpty()) {
      return response;
    }
    Response.Builder hidden = response.newBuilder().removeHeader("Retry-After");
    retryAfter.forEach(value -> hidden.addHeader(HIDDEN_RETRY_AFTER, value));
    return hidden.build();
  }

  /**
   * Whether an exchange failed because its connection was lost before any response byte: a reset or
   * broken pipe, or an end of stream where OkHttp had read nothing of a status line (okio's message
   * then shows {@code limit=0}). A timeout is a slow server, not a lost connection.
   */
  static boolean lostBeforeResponse(IOException failure) {
    if (failure instanceof InterruptedIOException) {
      return false;
    }
    if (failure instanceof SocketException) {
      return true;
    }
    Throwable cause = failure.getCause();
    return cause instanceof EOFException
        && String.valueOf(failure.getMessage()).startsWith("unexpected end of stream")
        && String.valueOf(cause.getMessage()).contains("limit=0 ");
  }

  private static boolean isHttp1(Connection connection) {
    return connection.protocol() == Protocol.HTTP_1_1 || connection.protocol() == Protocol.HTTP_1_0;
  }

  private static Response restoreRetryAfter(Response response) {
    List<String> hidden = response.headers(HIDDEN_RETRY_AFTER);
    if (hidden.isEmpty()) {
      return response;
    }
    Response.Builder restored = response.newBuilder().removeHeader(HIDDEN_RETRY_AFTER);
    hidden.forEach(value -> restored.addHeader("Retry-After", value));
    return restored.build();
  }

  /**
   * A reused connection lost after the request was written (or while it was), before any response
   * byte: {@link TransportFailures} makes it {@link
   * dev.flowexec.sdk.errors.TransportException#lostReusedConnection}, which the client re-sends on
   * a fresh connection.
   */
  static final class ReusedConnectionLostException extends IOException {
    private static final long serialVersionUID = 1L;

    ReusedConnectionLostException(IOException failure) {
      super(
          "the pooled connection was lost before any byte of the response arrived ("
              + failure
              + ")",
          failure);
    }
  }

  /** A pooled connection found dead before anything was written on it. */
  private static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException(IOException failure) {
      super(failure.getMessage(), failure);
    }

    IOException failure() {
      return (IOException) getCause();
    }
  }
}
