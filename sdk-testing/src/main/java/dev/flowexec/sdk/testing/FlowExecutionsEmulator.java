package dev.flowexec.sdk.testing;

import com.sun.net.httpserver.HttpServer;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.testing.internal.AdminHandler;
import dev.flowexec.sdk.testing.internal.EmulatorHttpHandler;
import dev.flowexec.sdk.testing.internal.EmulatorSettings;
import dev.flowexec.sdk.testing.internal.ExecutionStore;
import dev.flowexec.sdk.testing.internal.FaultInjector;
import dev.flowexec.sdk.testing.internal.LaunchGate;
import dev.flowexec.sdk.testing.internal.RateLimiter;
import dev.flowexec.sdk.testing.internal.RegisteredClient;
import dev.flowexec.sdk.testing.internal.RequestLog;
import dev.flowexec.sdk.testing.internal.ShiftedClock;
import dev.flowexec.sdk.testing.internal.StoredExecution;
import dev.flowexec.sdk.testing.internal.TokenStore;
import dev.flowexec.sdk.testing.internal.VirtualTimeScheduler;
import dev.flowexec.sdk.testing.internal.client.EmulatorClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM fake of the Flow Executions service: a real HTTP server on a loopback port that speaks
 * the whole wire contract (API v2 and the OAuth 2.0 token endpoint), for tests of any client.
 * Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (FlowExecutionsEmulator emulator = FlowExecutionsEmulator.builder()
 *     .client("my-client", "s3cret", "flow:execute", "flow:execution:read")
 *     .flow(Flow.withId("abc-123").publishedVersion("1", "Start", "Greet"))
 *     .start()) {
 *   String token = emulator.issueToken(Set.of("flow:execute"));
 *   // POST emulator.baseUrl() + "/api/v2/flows/executions" with "Authorization: Bearer " + token
 *   emulator.faults().next(1, Fault.dropConnectionAfterProcessing());
 *   assertThat(emulator.executionCount()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>{@link #newClient()} gives a {@code FlowExecutionsClient} already pointed at it, with working
 * credentials and, on a {@link TestClock}, virtual time end to end; the JUnit 5 extension ({@link
 * dev.flowexec.sdk.testing.junit.EmulatorTest}) does all of this per test class. {@link
 * Builder#adminApi(boolean)} adds a control API over HTTP, for tools outside the JVM; {@link
 * StandaloneEmulator} runs the emulator as a program of its own.
 *
 * <p>What it does beyond the contract's text, for tests to rely on:
 *
 * <ul>
 *   <li>Everything time-based (token expiry, the {@code QUEUED → RUNNING → final} lifecycle, the
 *       7-day retention, the rate-limit window) runs on the {@link Builder#clock(Clock) clock},
 *       computed when read, so a test with a fake clock needs no sleeping.
 *   <li>The {@code Idempotency-Key} header is optional; when present it must be exactly one RFC
 *       8941 string equal to {@code flow_execution_id}, else the launch gets {@code 400
 *       invalid_request} with a detail on field {@code Idempotency-Key} ({@code invalid_format} or
 *       {@code not_allowed}), among the other details.
 *   <li>A replay is "identical" when the two bodies are the same JSON value (member order,
 *       whitespace and number spelling such as {@code 1.0} and {@code 1} do not matter).
 *   <li>A {@code malformed_json} detail has the empty field path {@code ""} (the whole body).
 *   <li>{@code input_data} is measured as compact JSON in UTF-8.
 *   <li>Paths outside the contract answer {@code 404 not_found}; a wrong method {@code 405
 *       method_not_allowed}.
 * </ul>
 */
public final class FlowExecutionsEmulator implements AutoCloseable {
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private static boolean nodelayRead;

  private final EmulatorSettings settings;
  private final TokenStore tokens;
  private final ExecutionStore executions;
  private final FaultInjector faultInjector = new FaultInjector();
  private final FaultScript faults = new FaultScript(faultInjector);
  private final RateLimiter limiter;
  private final RequestLog log;
  private final LaunchGate gate = new LaunchGate();
  private final EmulatorHttpHandler handler;
  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  private VirtualTimeScheduler virtualTime;

  private FlowExecutionsEmulator(EmulatorSettings settings, int port, boolean adminApi) {
    this.settings = settings;
    this.tokens = new TokenStore(settings.clock());
    this.executions = new ExecutionStore(settings.clock(), EmulatorSettings.RETENTION);
    this.limiter =
        new RateLimiter(settings.clock(), settings.rateLimitPermits(), settings.rateLimitWindow());
    this.log = new RequestLog(settings.requestHistoryLimit());
    this.handler =
        new EmulatorHttpHandler(settings, tokens, executions, faultInjector, limiter, log, gate);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "flow-executions-emulator-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      server = createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    server.createContext("/", handler);
    if (adminApi) {
      // A context of its own: the API paths never reach it, and it never reaches the request log.
      server.createContext(AdminHandler.PREFIX, new AdminHandler(this, settings, handler));
    }
    server.setExecutor(executor);
    server.start();
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Creates the JDK server with {@code TCP_NODELAY}, without changing the JVM's system properties.
   * The JDK reads {@code sun.net.httpserver.nodelay} once, when its first server starts, so the
   * property is set only around that moment (and not at all when the user set it either way).
   */
  private static HttpServer createServer(InetSocketAddress address) throws IOException {
    synchronized (FlowExecutionsEmulator.class) {
      if (nodelayRead || System.getProperty(NODELAY_PROPERTY) != null) {
        return HttpServer.create(address, 64);
      }
      // Without TCP_NODELAY every response waits ~40 ms on delayed ACKs.
      System.setProperty(NODELAY_PROPERTY, "true");
      try {
        return HttpServer.create(address, 64);
      } finally {
        System.clearProperty(NODELAY_PROPERTY);
        nodelayRead = true;
      }
    }
  }

  /**
   * Starts configuring an emulator.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base URL of the API and of the token endpoint.
   *
   * @return {@code http://127.0.0.1:<port>}, without a trailing slash
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The port the emulator listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The clock the emulator runs on: the one given to {@link Builder#clock(Clock)} (with the
   * {@linkplain Builder#adminApi(boolean) control API} on a clock other than a {@link TestClock},
   * that clock plus the offset the control API moves).
   *
   * @return the clock
   */
  public Clock clock() {
    return settings.clock();
  }

  /**
   * A {@link FlowExecutionsClient} builder already wired to this emulator: its base URL,
   * credentials that work, and, when the emulator runs on a {@link TestClock}, virtual time end to
   * end. Authenticates as the first {@linkplain Builder#client registered client} (asking for all
   * of its scopes), or, with no client registered, with a token of scopes {@code flow:execute} and
   * {@code flow:execution:read} that never expires.
   *
   * <p>On a {@code TestClock} the client's clock, sleeper and scheduler all run on it: a retry
   * backoff or an {@code awaitCompletion} poll moves the clock instead of waiting, so the execution
   * lifecycle, token expiry and {@code Retry-After} play out at once and in order, for synchronous
   * and asynchronous calls alike. Set a retry policy, a listener or a timeout on the builder as
   * usual; replacing its transport, clock, sleeper or scheduler undoes the wiring.
   *
   * <p>Needs {@code dev.flowexec:sdk-retrofit} (with {@code sdk-core}) on the class path: this
   * module's optional dependencies, which a flowexec user has already.
   *
   * @return the builder; the client it builds is the caller's to close
   * @throws IllegalStateException if {@code sdk-retrofit} is not on the class path
   */
  public FlowExecutionsClient.Builder clientBuilder() {
    RegisteredClient first = settings.clients().values().stream().findFirst().orElse(null);
    return first == null ? tokenClientBuilder() : clientBuilder(first);
  }

  /**
   * Like {@link #clientBuilder()}, authenticating as the given registered client.
   *
   * @param clientId the id of a client registered with {@link Builder#client}
   * @return the builder; the client it builds is the caller's to close
   * @throws IllegalArgumentException if no client has that id
   * @throws IllegalStateException if {@code sdk-retrofit} is not on the class path
   */
  public FlowExecutionsClient.Builder clientBuilder(String clientId) {
    RegisteredClient client = settings.clients().get(Objects.requireNonNull(clientId, "clientId"));
    if (client == null) {
      throw new IllegalArgumentException(
          "no client "
              + clientId
              + " is registered; the emulator has "
              + settings.clients().keySet()
              + ": register it with FlowExecutionsEmulator.builder()"
              + ".client(\""
              + clientId
              + "\", secret, scopes...)");
    }
    return clientBuilder(client);
  }

  /**
   * A client built by {@link #clientBuilder()}: the emulator's URL, working credentials, and
   * virtual time on a {@link TestClock}.
   *
   * @return the client; close it when done
   * @throws IllegalStateException if {@code sdk-retrofit} is not on the class path
   */
  public FlowExecutionsClient newClient() {
    return clientBuilder().build();
  }

  private FlowExecutionsClient.Builder clientBuilder(RegisteredClient client) {
    try {
      return EmulatorClients.withCredentials(
          baseUrl,
          client.clientId(),
          client.secret(),
          client.grantableScopes(),
          settings.clock(),
          virtualTime());
    } catch (NoClassDefFoundError missing) {
      throw missingClient(missing);
    }
  }

  private FlowExecutionsClient.Builder tokenClientBuilder() {
    try {
      return EmulatorClients.withToken(
          baseUrl,
          issueToken(Set.of("flow:execute", "flow:execution:read")),
          settings.clock(),
          virtualTime());
    } catch (NoClassDefFoundError missing) {
      throw missingClient(missing);
    }
  }

  private static IllegalStateException missingClient(NoClassDefFoundError missing) {
    return new IllegalStateException(
        "a client for the emulator needs dev.flowexec:sdk-retrofit on "
            + "the class path: add it (test scope) next to sdk-testing ("
            + missing.getMessage()
            + ")",
        missing);
  }

  /** The one scheduler of this emulator's clients on a TestClock, else null. */
  private synchronized VirtualTimeScheduler virtualTime() {
    if (virtualTime == null && settings.clock() instanceof TestClock) {
      virtualTime =
          new VirtualTimeScheduler(
              (TestClock) settings.clock(), "flow-executions-emulator-virtual-time-" + port());
    }
    return virtualTime;
  }

  /**
   * Mints an access token directly, without the token endpoint. It never expires unless {@link
   * #expireToken(String)} says so.
   *
   * @param scopes its scopes, for example {@code Set.of("flow:execute")}
   * @return the token, for {@code Authorization: Bearer <token>}
   */
  public String issueToken(Set<String> scopes) {
    return tokens.issue(Objects.requireNonNull(scopes, "scopes"), null);
  }

  /**
   * Mints an access token that expires after {@code lifetime} on the emulator's clock.
   *
   * @param scopes its scopes
   * @param lifetime how long it is valid
   * @return the token
   */
  public String issueToken(Set<String> scopes, Duration lifetime) {
    return tokens.issue(
        Objects.requireNonNull(scopes, "scopes"), Objects.requireNonNull(lifetime, "lifetime"));
  }

  /**
   * Makes a token expired from now on: requests with it get {@code 401 invalid_token} ("the access
   * token has expired").
   *
   * @param token the token
   * @return whether the emulator knew the token
   */
  public boolean expireToken(String token) {
    return tokens.expire(token);
  }

  /**
   * Forgets a token: requests with it get {@code 401 invalid_token} ("unknown or revoked").
   *
   * @param token the token
   * @return whether the emulator knew the token
   */
  public boolean revokeToken(String token) {
    return tokens.revoke(token);
  }

  /**
   * The fault script: failures to act out on the next requests, or at random.
   *
   * @return the emulator's faults
   */
  public FaultScript faults() {
    return faults;
  }

  /**
   * Holds every launch that gets past validation and idempotency in flight (for at most 30 seconds)
   * until {@link #releaseLaunches()}: meanwhile a launch with the same {@code flow_execution_id}
   * gets {@code 409 request_in_progress}.
   */
  public void holdLaunches() {
    gate.hold();
  }

  /** Lets held launches finish, and later ones go through. */
  public void releaseLaunches() {
    gate.release();
  }

  /**
   * Waits until at least {@code count} launches are held by {@link #holdLaunches()}, so a test can
   * act while they are in flight without sleeping.
   *
   * @param count the number of launches
   * @param timeout the longest wait
   * @return whether that many are held
   */
  public boolean awaitHeldLaunches(int count, Duration timeout) {
    try {
      return gate.awaitHeld(count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The number of executions created and still kept (7 days on the clock).
   *
   * @return the count
   */
  public int executionCount() {
    return executions.size();
  }

  /**
   * An execution, as seen now.
   *
   * @param flowExecutionId the id
   * @return the execution, empty if there is none (or it is older than 7 days)
   */
  public Optional<Execution> execution(String flowExecutionId) {
    StoredExecution stored = executions.find(flowExecutionId);
    return stored == null
        ? Optional.empty()
        : Optional.of(new Execution(stored, settings.clock().instant()));
  }

  /**
   * All executions still kept, oldest first, as seen now.
   *
   * @return a snapshot
   */
  public List<Execution> executions() {
    Instant now = settings.clock().instant();
    List<Execution> out = new ArrayList<>();
    for (StoredExecution e : executions.all()) {
      out.add(new Execution(e, now));
    }
    return out;
  }

  /**
   * How many launch requests carried this {@code flow_execution_id} in their body, whatever they
   * were answered (faults, errors and replays included). Compare with {@link #executionCount()} to
   * prove retries made no duplicate.
   *
   * @param flowExecutionId the id
   * @return the count
   */
  public int launchAttempts(String flowExecutionId) {
    return executions.attempts(flowExecutionId);
  }

  /**
   * The most recent requests, oldest first, at most {@link Builder#requestHistoryLimit(int)}.
   *
   * @return a snapshot
   */
  public List<ReceivedRequest> requests() {
    List<ReceivedRequest> out = new ArrayList<>();
    log.snapshot().forEach(r -> out.add(new ReceivedRequest(r)));
    return out;
  }

  /**
   * How many requests came, including those no longer kept in {@link #requests()}.
   *
   * @return the count
   */
  public long requestCount() {
    return log.total();
  }

  /**
   * Forgets executions, launch attempts, request history and faults, restarts the rate-limit window
   * and releases held launches. Keeps the configuration and the issued tokens.
   */
  public void reset() {
    executions.clear();
    log.clear();
    faultInjector.clear();
    limiter.reset();
    gate.release();
  }

  /** Stops the server and releases every held or slow request. */
  @Override
  public void close() {
    synchronized (this) {
      if (virtualTime != null) {
        virtualTime.shutdownNow();
      }
    }
    gate.shutDown();
    handler.shutDown();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Configures and starts a {@link FlowExecutionsEmulator}. Defaults: the system UTC clock, no
   * clients, no flows, tokens from the token endpoint valid 1 hour, executions {@code QUEUED} for 1
   * s then {@code RUNNING} for 1 s, no rate limit, the last 256 requests kept, an ephemeral port.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private final Map<String, RegisteredClient> clients = new LinkedHashMap<>();
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private Duration tokenLifetime = Duration.ofHours(1);
    private Duration queuedFor = Duration.ofSeconds(1);
    private Duration runningFor = Duration.ofSeconds(1);
    private int rateLimitPermits;
    private Duration rateLimitWindow = Duration.ofSeconds(1);
    private RetryAfterFormat retryAfterFormat = RetryAfterFormat.DELAY_SECONDS;
    private int requestHistoryLimit = 256;
    private int port;
    private boolean adminApi;

    private Builder() {}

    /**
     * The clock for token expiry, the execution lifecycle, the 7-day retention and the rate limit.
     * Pass a fake clock to move time in tests.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Registers an OAuth client for the token endpoint.
     *
     * @param clientId the client id
     * @param secret the client secret
     * @param grantableScopes the scopes it may be granted; a request without {@code scope} gets
     *     them all
     * @return this
     */
    public Builder client(String clientId, String secret, String... grantableScopes) {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(secret, "secret");
      clients.put(clientId, new RegisteredClient(clientId, secret, Set.of(grantableScopes)));
      return this;
    }

    /**
     * Registers a flow (replacing one with the same id).
     *
     * @param flow the flow
     * @return this
     */
    public Builder flow(Flow flow) {
      flows.put(flow.id(), flow);
      return this;
    }

    /**
     * The lifetime of tokens from the token endpoint ({@code expires_in}, whole seconds).
     *
     * @param lifetime the lifetime, positive
     * @return this
     */
    public Builder tokenLifetime(Duration lifetime) {
      this.tokenLifetime = positive(lifetime, "lifetime");
      return this;
    }

    /**
     * How long executions stay {@code QUEUED}, then {@code RUNNING}, before reaching their flow's
     * {@link Outcome}.
     *
     * @param queuedFor time in {@code QUEUED}, zero or more
     * @param runningFor time in {@code RUNNING}, zero or more
     * @return this
     */
    public Builder lifecycle(Duration queuedFor, Duration runningFor) {
      this.queuedFor = notNegative(queuedFor, "queuedFor");
      this.runningFor = notNegative(runningFor, "runningFor");
      return this;
    }

    /**
     * Limits API requests (launch and get, not the token endpoint) to {@code permits} per fixed
     * {@code window} on the clock; the requests over it get {@code 429 rate_limited} with {@code
     * Retry-After} until the window ends.
     *
     * @param permits requests per window, at least 1
     * @param window the window, positive
     * @param format the form of {@code Retry-After}
     * @return this
     */
    public Builder rateLimit(int permits, Duration window, RetryAfterFormat format) {
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be at least 1: " + permits);
      }
      this.rateLimitPermits = permits;
      this.rateLimitWindow = positive(window, "window");
      this.retryAfterFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * How many recent requests {@link FlowExecutionsEmulator#requests()} keeps.
     *
     * @param limit the number, zero or more
     * @return this
     */
    public Builder requestHistoryLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must not be negative: " + limit);
      }
      this.requestHistoryLimit = limit;
      return this;
    }

    /**
     * The port to listen on; 0 (the default) picks a free one.
     *
     * @param port the port
     * @return this
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves the control API under {@code /__emulator/} (off by default): script faults, move the
     * clock, list recorded requests and executions, reset, over HTTP, for tests and tools outside
     * the JVM. It never answers on the API paths, and its requests are not recorded. The
     * {@linkplain StandaloneEmulator standalone emulator} turns it on. On a clock other than a
     * {@link TestClock}, the emulator then runs on that clock plus an offset that {@code POST
     * /__emulator/clock/advance} moves.
     *
     * @param enabled whether to serve it
     * @return this
     */
    public Builder adminApi(boolean enabled) {
      this.adminApi = enabled;
      return this;
    }

    /**
     * Starts the emulator on 127.0.0.1.
     *
     * @return the running emulator
     * @throws java.io.UncheckedIOException if it cannot listen on the port
     */
    public FlowExecutionsEmulator start() {
      Clock effective = adminApi && !(clock instanceof TestClock) ? new ShiftedClock(clock) : clock;
      return new FlowExecutionsEmulator(
          new EmulatorSettings(
              effective,
              clients,
              flows,
              tokenLifetime,
              queuedFor,
              runningFor,
              rateLimitPermits,
              rateLimitWindow,
              retryAfterFormat,
              requestHistoryLimit),
          port,
          adminApi);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
