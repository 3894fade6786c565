package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.auth.CachingTokenProvider;
import dev.flowexec.sdk.auth.ClientAuthMethod;
import dev.flowexec.sdk.auth.ClientCredentials;
import dev.flowexec.sdk.auth.ScopeCheck;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.IdempotencyKey;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.SdkVersion;
import dev.flowexec.sdk.transport.TransportResponse;
import dev.flowexec.sdk.transport.WireLog;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.SocketFactory;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/**
 * A {@link FlowTransport} on Retrofit, OkHttp and Moshi (hand-written adapters, no reflection).
 *
 * <p>One method call is one attempt: a token (fetched and cached when the transport holds client
 * credentials), a scope check before any HTTP call, one HTTP exchange, and, when the service
 * answers {@code 401 invalid_token} and the token can be renewed, one more exchange with a new
 * token. Retries and deadlines belong to {@link dev.flowexec.sdk.FlowExecutionsClient}. The
 * attempt, token fetch included, never outlives {@link CallOptions#timeout()}. Failed responses are
 * mapped by {@link dev.flowexec.sdk.transport.ErrorMapper}; a body that breaks the contract is a
 * {@link dev.flowexec.sdk.errors.FlowApiException} with the code {@link
 * FlowJsonCodec#MALFORMED_RESPONSE}; I/O failures and timeouts are {@link
 * dev.flowexec.sdk.errors.TransportException}s that say whether the request may have been sent.
 *
 * <p>Every request on the wire is one attempt: OkHttp's own follow-ups (redirects, its retry of a
 * {@code 503} with {@code Retry-After: 0}, authenticator and connection retries) are off. The
 * transport checks a pooled connection before writing on it, and sends on another one when a proxy
 * or load balancer closed it while idle, so such a connection costs no attempt and never fails a
 * call. One closed just as the request goes out, before any response byte, fails the attempt with
 * {@link dev.flowexec.sdk.errors.TransportException#reusedConnectionLost()}; the client re-sends
 * it, as an attempt of its own, on a connection no other request shares ({@link
 * CallOptions#freshConnection()}).
 *
 * <p>Bodies are bounded: an error body is read up to 64 KiB, a success body up to {@link
 * Builder#maxResponseBytes(long)} (after gzip decoding); past that the call fails with {@link
 * FlowJsonCodec#RESPONSE_TOO_LARGE} and the connection is closed, not drained.
 *
 * <p>The async methods are truly asynchronous ({@code enqueue}); cancelling their future cancels
 * the OkHttp call. Their futures complete on OkHttp's dispatcher threads, which the transport makes
 * as daemon threads (a program that forgets {@link #close()} still exits): chain blocking work with
 * the {@code *Async} variants of {@link CompletableFuture}.
 *
 * <p>Thread-safe; make one per service and share it. {@link #close()} releases its threads and
 * connections.
 *
 * <p>Use it through a {@link FlowExecutionsClient}, which {@link Builder#client()} makes in the
 * same chain; calling the transport's own methods skips retries, deadlines and listeners.
 *
 * <pre>{@code
 * try (FlowExecutionsClient client = RetrofitTransport.builder()
 *     .baseUrl("https://flows.example.com")
 *     .credentials(clientId, clientSecret)
 *     .client()
 *     .build()) {
 *   FlowExecution execution = client.launch(request);
 * }
 * }</pre>
 */
public final class RetrofitTransport implements FlowTransport {
  /**
   * The default connect timeout, for the TCP connect and again for the TLS handshake: 10 seconds.
   */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The default read and write timeouts (the longest silence on an open connection): 30 seconds.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The default bound on one attempt when {@link CallOptions#timeout()} is absent: 30 seconds, the
   * client's default timeout for a whole call.
   */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The default limit on a successful response's body: 8 MiB, 32 times the largest {@code
   * input_data} the contract allows and 8 times its largest request.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

  private static final String ACCEPT = "application/json";

  private final FlowExecutionsApi api;

  /**
   * The API on a client whose pool keeps no connection: {@link CallOptions#freshConnection()}. Made
   * when first needed.
   */
  private volatile FlowExecutionsApi freshApi;

  private final Retrofit retrofit;
  private final URI baseUrl;
  private final AttemptRunner runner;
  private final OkHttpClient http;
  private final boolean ownsHttpClient;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RetrofitTransport(Builder builder) {
    HttpUrl baseUrl = BaseUrls.parse("baseUrl", builder.baseUrl);
    this.baseUrl = baseUrl.uri();
    Clock clock = builder.clock;
    this.ownsHttpClient = builder.okHttpClient == null;
    this.http = httpClient(builder);

    AccessTokenProvider tokens;
    TokenSource source;
    String auth;
    if (builder.accessToken != null) {
      tokens = AccessTokenProvider.of(builder.accessToken);
      source = TokenSource.FIXED_TOKEN;
      auth = "fixed access token";
    } else if (builder.clientCredentials != null) {
      tokens =
          CachingTokenProvider.clientCredentials(
              builder.clientCredentials, new OkHttpTokenEndpoint(http), clock);
      source = TokenSource.CREDENTIALS;
      ClientCredentials grant = builder.clientCredentials;
      auth =
          "client credentials (clientId="
              + grant.clientId()
              + ", scopes="
              + String.join(" ", grant.scopes())
              + ", tokens from "
              + grant.tokenUrl()
              + " by "
              + grant.authMethod().wireName()
              + (grant.tokenParameters().isEmpty()
                  ? ""
                  : ", tokenParameters=" + grant.tokenParameters())
              + ", scopeCheck="
              + grant.scopeCheck()
              + ")";
    } else {
      tokens = builder.tokenProvider;
      source = TokenSource.PROVIDER;
      auth = "token provider " + builder.tokenProvider.getClass().getName();
    }
    this.retrofit = retrofit(baseUrl, clock);
    this.api = retrofit.create(FlowExecutionsApi.class);
    this.runner = new AttemptRunner(tokens, source, builder.callTimeout, clock);
    // Built by Builder.build() from the settings, so that it is validated before any socket opens.
    this.description =
        "RetrofitTransport{baseUrl="
            + baseUrl
            + ", auth="
            + auth
            + ", callTimeout="
            + builder.callTimeout
            + ", httpClient="
            + (ownsHttpClient ? "own" : "caller's")
            + "}";
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public TransportResponse launch(LaunchRequest request, CallOptions options) {
    checkOpen();
    String idempotencyKey = IdempotencyKey.of(request.flowExecutionId());
    return runner.run(
        Operation.LAUNCH,
        options,
        (authorization, headers) ->
            api(options)
                .launch(
                    authorization,
                    idempotencyKey,
                    userAgent(headers),
                    accept(headers),
                    headers,
                    request));
  }

  @Override
  public TransportResponse get(String flowExecutionId, CallOptions options) {
    checkOpen();
    Objects.requireNonNull(flowExecutionId, "flowExecutionId");
    return runner.run(
        Operation.GET,
        options,
        (authorization, headers) ->
            api(options)
                .get(flowExecutionId, authorization, userAgent(headers), accept(headers), headers));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends with OkHttp's {@code enqueue}; no thread blocks. Cancelling the future cancels the
   * OkHttp call.
   */
  @Override
  public CompletableFuture<TransportResponse> launchAsync(
      LaunchRequest request, CallOptions options) {
    try {
      checkOpen();
      String idempotencyKey = IdempotencyKey.of(request.flowExecutionId());
      return runner.runAsync(
          Operation.LAUNCH,
          options,
          (authorization, headers) ->
              api(options)
                  .launch(
                      authorization,
                      idempotencyKey,
                      userAgent(headers),
                      accept(headers),
                      headers,
                      request));
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends with OkHttp's {@code enqueue}; no thread blocks. Cancelling the future cancels the
   * OkHttp call.
   */
  @Override
  public CompletableFuture<TransportResponse> getAsync(
      String flowExecutionId, CallOptions options) {
    try {
      checkOpen();
      Objects.requireNonNull(flowExecutionId, "flowExecutionId");
      return runner.runAsync(
          Operation.GET,
          options,
          (authorization, headers) ->
              api(options)
                  .get(
                      flowExecutionId,
                      authorization,
                      userAgent(headers),
                      accept(headers),
                      headers));
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /** Returns the {@link Builder#baseUrl(String) base URL}, for logs, metrics and traces. */
  @Override
  public Optional<URI> baseUrl() {
    return Optional.of(baseUrl);
  }

  /**
   * Releases the transport. When it made its own OkHttp client, its calls end at once: each call in
   * flight is cancelled and fails with a {@link dev.flowexec.sdk.errors.TransportException} that
   * says it may have been sent, each call still queued fails with one that says it was not; the
   * dispatcher's threads stop and pooled connections close. A client you passed to {@link
   * Builder#okHttpClient(OkHttpClient)} shares your dispatcher and pool, which stay yours to shut
   * down, with their calls. Further calls throw {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsHttpClient) {
      // Shut down first: a queued call then can never start, and fails as not sent.
      http.dispatcher().executorService().shutdown();
      http.dispatcher().cancelAll();
      http.connectionPool().evictAll();
    }
  }

  /**
   * Returns the base URL, how the transport authenticates and its timeouts; never a token or
   * secret.
   */
  @Override
  public String toString() {
    return description + (closed.get() ? " (closed)" : "");
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this RetrofitTransport is closed: build a new one");
    }
  }

  /**
   * The API to send an attempt with: a re-send after a lost reused connection goes on a new
   * connection that no other request shares (the pool of its client keeps none), so it cannot be
   * lost the same way. Same dispatcher, interceptors and timeouts.
   */
  private FlowExecutionsApi api(CallOptions options) {
    if (!options.freshConnection()) {
      return api;
    }
    FlowExecutionsApi fresh = freshApi;
    if (fresh == null) {
      OkHttpClient unpooled =
          http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
      fresh = retrofit.newBuilder().client(unpooled).build().create(FlowExecutionsApi.class);
      freshApi = fresh;
    }
    return fresh;
  }

  private Retrofit retrofit(HttpUrl baseUrl, Clock clock) {
    return new Retrofit.Builder()
        .baseUrl(baseUrl)
        .client(http)
        .addConverterFactory(JsonConverterFactory.INSTANCE)
        .addCallAdapterFactory(new ExchangeCallAdapterFactory(clock))
        .validateEagerly(true)
        .build();
  }

  private static String userAgent(Map<String, String> headers) {
    return hasHeader(headers, "user-agent") ? null : SdkVersion.userAgent();
  }

  private static String accept(Map<String, String> headers) {
    return hasHeader(headers, "accept") ? null : ACCEPT;
  }

  private static boolean hasHeader(Map<String, String> headers, String lowerCaseName) {
    if (headers.isEmpty()) {
      return false;
    }
    for (String name : headers.keySet()) {
      if (name.toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
        return true;
      }
    }
    return false;
  }

  private static OkHttpClient httpClient(Builder builder) {
    OkHttpClient.Builder http;
    ConnectionPool ownPool = null;
    if (builder.okHttpClient == null) {
      Dispatcher dispatcher = new Dispatcher(daemonDispatcherThreads());
      dispatcher.setMaxRequests(64);
      dispatcher.setMaxRequestsPerHost(64);
      ownPool = new ConnectionPool();
      http =
          new OkHttpClient.Builder()
              .dispatcher(dispatcher)
              .connectionPool(ownPool)
              .connectTimeout(orDefault(builder.connectTimeout, DEFAULT_CONNECT_TIMEOUT))
              .readTimeout(orDefault(builder.readTimeout, DEFAULT_READ_TIMEOUT))
              .writeTimeout(orDefault(builder.writeTimeout, DEFAULT_READ_TIMEOUT));
    } else {
      // newBuilder() shares the caller's dispatcher and connection pool.
      http = builder.okHttpClient.newBuilder();
      if (builder.connectTimeout != null) {
        http.connectTimeout(builder.connectTimeout);
      }
      if (builder.readTimeout != null) {
        http.readTimeout(builder.readTimeout);
      }
      if (builder.writeTimeout != null) {
        http.writeTimeout(builder.writeTimeout);
      }
    }
    OkHttpClient current = http.build();
    ConnectionProbe probe = new ConnectionProbe(current.connectTimeoutMillis());
    if (current.socketFactory() == SocketFactory.getDefault()) {
      http.socketFactory(probe.socketFactory());
    }
    if (current.x509TrustManager() != null) {
      http.sslSocketFactory(
          probe.sslSocketFactory(current.sslSocketFactory()), current.x509TrustManager());
    }
    // Retries belong to FlowExecutionsClient, which counts and reports each attempt: none of
    // OkHttp's own re-sends (connection retries, redirects, authenticators, a 503's Retry-After)
    // may hide one from listeners. WireRequests refuses any that is left.
    WireRequests wire = new WireRequests(ownPool, probe);
    http.retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .authenticator(Authenticator.NONE)
        .addInterceptor(new TransportInterceptor(wire, new BodyLimits(builder.maxResponseBytes)));
    http.networkInterceptors().add(0, wire.network());
    ClientCredentials grant = builder.clientCredentials;
    // DEBUG token fetches, TRACE the wire; redacted by name, and of the secret wherever it shows.
    http.addNetworkInterceptor(
        new WireLogInterceptor(
            WireLog.create(grant == null ? UnaryOperator.identity() : grant::redact)));
    return http.build();
  }

  /** OkHttp's default dispatcher threads are not daemons: they would keep the JVM alive 60 s. */
  private static ThreadPoolExecutor daemonDispatcherThreads() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, "flowexec-okhttp-dispatcher-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value != null ? value : fallback;
  }

  /**
   * Configures a {@link RetrofitTransport}. Set {@link #baseUrl(String)} and exactly one way to
   * authenticate: {@link #accessToken(String)}, {@link #credentials(String, String)} or {@link
   * #tokenProvider(AccessTokenProvider)}. Not thread-safe; {@link #toString()} never shows a token
   * or secret.
   */
  public static final class Builder {
    private String baseUrl;
    private String accessToken;
    private String clientId;
    private String clientSecret;
    private String authBaseUrl;
    private String tokenUrl;
    private ClientAuthMethod clientAuthMethod;
    private final Map<String, String> tokenParameters = new LinkedHashMap<>();
    private ScopeCheck scopeCheck;
    private Set<String> scopes;
    private ClientCredentials clientCredentials;
    private AccessTokenProvider tokenProvider;
    private OkHttpClient okHttpClient;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration writeTimeout;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the API's base URL, such as {@code https://flows.example.com}; paths such as {@code
     * /api/v2/flows/executions} are resolved under it. Must be {@code https}, except to a loopback
     * host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}). Required.
     *
     * @param baseUrl the base URL
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Authenticates with one fixed bearer token. It cannot be renewed: a {@code 401} is final.
     *
     * @param accessToken the token, without {@code "Bearer "}
     * @return this builder
     * @throws IllegalArgumentException if the token is blank or has spaces (the message never shows
     *     it)
     */
    public Builder accessToken(String accessToken) {
      AccessToken.of(
          Objects.requireNonNull(accessToken, "accessToken")); // checks it, without echoing it
      this.accessToken = accessToken;
      return this;
    }

    /**
     * Authenticates with the OAuth 2.0 client-credentials grant: tokens are fetched from {@link
     * #tokenUrl(String)} (default {@code {authBaseUrl}/oauth/token}), cached until shortly before
     * they expire, fetched once for many concurrent callers, and renewed once when the service
     * refuses one. See {@link CachingTokenProvider}.
     *
     * @param clientId the client id
     * @param clientSecret the client secret; never shown by any message or {@code toString()}
     * @return this builder
     */
    public Builder credentials(String clientId, String clientSecret) {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException(
            "clientId is blank: pass the client id your identity provider issued");
      }
      if (clientSecret.isEmpty()) {
        throw new IllegalArgumentException(
            "clientSecret is empty: pass the secret issued with the client id");
      }
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Sets where the token endpoint is, as a base: tokens come from {@code
     * {authBaseUrl}/oauth/token}, the contract's own login service. Only with {@link
     * #credentials(String, String)}; not with {@link #tokenUrl(String)}. Default: the {@link
     * #baseUrl(String)}. The same {@code https} rule applies.
     *
     * @param authBaseUrl the login service's base URL
     * @return this builder
     */
    public Builder authBaseUrl(String authBaseUrl) {
      this.authBaseUrl = Objects.requireNonNull(authBaseUrl, "authBaseUrl");
      return this;
    }

    /**
     * Sets the token endpoint's full URL, for an identity provider whose endpoint is not {@code
     * {authBaseUrl}/oauth/token}: Keycloak's {@code
     * https://login.example.com/realms/{realm}/protocol/openid-connect/token}, Okta's {@code
     * https://example.okta.com/oauth2/default/v1/token}, Azure AD's {@code
     * https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}. Only with {@link
     * #credentials(String, String)}; not with {@link #authBaseUrl(String)}. The same {@code https}
     * rule applies.
     *
     * @param tokenUrl the token endpoint
     * @return this builder
     */
    public Builder tokenUrl(String tokenUrl) {
      this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
      return this;
    }

    /**
     * Sets how the client authenticates to the token endpoint. Only with {@link
     * #credentials(String, String)}. Default: {@link ClientAuthMethod#CLIENT_SECRET_BASIC}.
     *
     * @param method {@code CLIENT_SECRET_BASIC} or {@code CLIENT_SECRET_POST}
     * @return this builder
     */
    public Builder clientAuthMethod(ClientAuthMethod method) {
      this.clientAuthMethod = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Adds a form parameter to every token request, such as {@code audience} (Auth0) or {@code
     * resource} (some Azure AD setups). Only with {@link #credentials(String, String)}. {@code
     * grant_type}, {@code scope} and the client's credentials cannot be set this way.
     *
     * @param name the parameter's name
     * @param value its value
     * @return this builder
     */
    public Builder tokenParameter(String name, String value) {
      Objects.requireNonNull(name, "name");
      this.tokenParameters.put(
          name, Objects.requireNonNull(value, "value of token parameter " + name));
      return this;
    }

    /**
     * Sets how the scopes a token was granted are checked before a call is sent. Only with {@link
     * #credentials(String, String)}. Default: {@link ScopeCheck#contract()}; use {@link
     * ScopeCheck#mapping} for a provider whose scope names are not {@code flow:*}, or {@link
     * ScopeCheck#off()}.
     *
     * @param scopeCheck the check
     * @return this builder
     */
    public Builder scopeCheck(ScopeCheck scopeCheck) {
      this.scopeCheck = Objects.requireNonNull(scopeCheck, "scopeCheck");
      return this;
    }

    /**
     * Sets the scopes requested with {@link #credentials(String, String)}. Default: {@link
     * Scopes#defaultRequest()}, {@code flow:execute flow:execution:read}.
     *
     * @param scopes one or more scopes
     * @return this builder
     */
    public Builder scopes(Collection<String> scopes) {
      Set<String> copy = new LinkedHashSet<>();
      for (String scope : scopes) {
        if (scope == null
            || scope.isBlank()
            || scope.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c >= 127)) {
          throw new IllegalArgumentException(
              "scopes has \""
                  + scope
                  + "\": a scope is one word of printable ASCII, such as flow:execute");
        }
        copy.add(scope);
      }
      if (copy.isEmpty()) {
        throw new IllegalArgumentException(
            "scopes is empty: request at least one, such as flow:execute");
      }
      this.scopes = Collections.unmodifiableSet(copy);
      return this;
    }

    /**
     * Sets the scopes requested with {@link #credentials(String, String)}.
     *
     * @param scopes one or more scopes
     * @return this builder
     * @see #scopes(Collection)
     */
    public Builder scopes(String... scopes) {
      return scopes(Arrays.asList(scopes));
    }

    /**
     * Authenticates with your own token source, such as one backed by a secrets manager. It is
     * asked for a token on every attempt (cache inside it), and told through {@link
     * AccessTokenProvider#invalidate} when the service refuses one; the call is then sent once more
     * if it offers a different token.
     *
     * @param tokenProvider the provider
     * @return this builder
     */
    public Builder tokenProvider(AccessTokenProvider tokenProvider) {
      this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider");
      return this;
    }

    /**
     * Uses your OkHttp client (derived with {@code newBuilder()}, so it shares your dispatcher,
     * connection pool, interceptors and event listener). Its timeouts stay unless you set them
     * here. {@link RetrofitTransport#close()} then leaves your dispatcher and pool alone. Default:
     * the transport makes its own client, with a dispatcher allowing 64 concurrent calls per host.
     *
     * @param okHttpClient the client
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
      return this;
    }

    /**
     * Sets how long the TCP connect may take, and then how long the TLS handshake (or a proxy's
     * {@code CONNECT}) may wait for the server. Default: {@link #DEFAULT_CONNECT_TIMEOUT}. With
     * {@link #okHttpClient(OkHttpClient)} and a TLS socket factory set without its trust manager,
     * the handshake is bounded by the read timeout instead.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets the longest silence while reading a response. Default: {@link #DEFAULT_READ_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    /**
     * Sets the longest stall while sending a request. Default: {@link #DEFAULT_READ_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = positive("writeTimeout", timeout);
      return this;
    }

    /**
     * Sets the most one attempt may take, token fetch included, when {@link CallOptions#timeout()}
     * is absent or longer. Default: {@link #DEFAULT_CALL_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive("callTimeout", timeout);
      return this;
    }

    /**
     * Sets the most bytes of a successful response's body that are read, counted after gzip
     * decoding. A longer body fails the call with a {@link
     * dev.flowexec.sdk.errors.FlowApiException} whose code is {@link
     * FlowJsonCodec#RESPONSE_TOO_LARGE}, the rest is not read and the connection is closed. Peak
     * memory per call is about this much plus the parsed execution. Error bodies are always cut at
     * 64 KiB. Default: {@link #DEFAULT_MAX_RESPONSE_BYTES}.
     *
     * @param maxResponseBytes a positive number of bytes
     * @return this builder
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1) {
        throw new IllegalArgumentException(
            "maxResponseBytes is "
                + maxResponseBytes
                + ": use a positive number of bytes, such as "
                + DEFAULT_MAX_RESPONSE_BYTES);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Sets the clock that token expiry, {@link CallOptions#deadline()} and {@code Retry-After}
     * dates are measured against. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the transport.
     *
     * @return the transport
     * @throws IllegalStateException when {@code baseUrl} is missing, not exactly one way to
     *     authenticate is set, a grant setting is set without credentials, or the requested scopes
     *     cannot be checked (see {@link ScopeCheck})
     * @throws IllegalArgumentException when a URL is not acceptable (plain http to a non-loopback
     *     host, say), or a token parameter would override the grant's own
     */
    public RetrofitTransport build() {
      return new RetrofitTransport(checked());
    }

    /**
     * Builds the transport and starts the builder of a client over it: the entry point for the
     * common case, in one chain. The client owns the transport ({@link
     * dev.flowexec.sdk.FlowExecutionsClient#close()} closes it) and adds what a bare transport
     * lacks: retries with a stable idempotency key, a deadline over each call, and listeners.
     *
     * <pre>{@code
     * FlowExecutionsClient client = RetrofitTransport.builder()
     *     .baseUrl("https://flows.example.com")
     *     .credentials(clientId, clientSecret)
     *     .client()
     *     .retryPolicy(RetryPolicy.defaults()) // and timeout(..), listener(..): all optional
     *     .build();
     * }</pre>
     *
     * @return the client's builder, with its transport set
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link #build()}
     */
    public FlowExecutionsClient.Builder client() {
      return FlowExecutionsClient.builder().transport(build());
    }

    private Builder checked() {
      if (baseUrl == null) {
        throw new IllegalStateException(
            "baseUrl is not set: call baseUrl(\"https://flows.example.com\")");
      }
      int ways =
          (accessToken != null ? 1 : 0)
              + (clientId != null ? 1 : 0)
              + (tokenProvider != null ? 1 : 0);
      if (ways == 0) {
        throw new IllegalStateException(
            "no credentials are set: call exactly one of accessToken(token), "
                + "credentials(clientId, clientSecret) or tokenProvider(provider)");
      }
      if (ways > 1) {
        throw new IllegalStateException(
            "more than one way to authenticate is set ("
                + ways()
                + "): "
                + "keep exactly one of accessToken, credentials or tokenProvider");
      }
      String grantOnly =
          authBaseUrl != null
              ? "authBaseUrl"
              : tokenUrl != null
                  ? "tokenUrl"
                  : scopes != null
                      ? "scopes"
                      : clientAuthMethod != null
                          ? "clientAuthMethod"
                          : !tokenParameters.isEmpty()
                              ? "tokenParameter"
                              : scopeCheck != null ? "scopeCheck" : null;
      if (clientId == null && grantOnly != null) {
        throw new IllegalStateException(
            grantOnly
                + " is set but credentials(clientId, clientSecret) is not: it only applies to the client-credentials grant");
      }
      if (authBaseUrl != null && tokenUrl != null) {
        throw new IllegalStateException(
            "both authBaseUrl and tokenUrl are set: keep tokenUrl, the token endpoint's full URL, "
                + "or authBaseUrl, a base under which /oauth/token is served");
      }
      clientCredentials = clientId == null ? null : clientCredentials();
      return this;
    }

    private ClientCredentials clientCredentials() {
      String url = tokenUrl;
      if (url == null) {
        // Checked like baseUrl, under the name the user set.
        HttpUrl base =
            authBaseUrl != null
                ? BaseUrls.parse("authBaseUrl", authBaseUrl)
                : BaseUrls.parse("baseUrl", baseUrl);
        url = base.resolve("oauth/token").toString();
      }
      ClientCredentials.Builder grant =
          ClientCredentials.builder()
              .tokenUrl(url)
              .clientId(clientId)
              .clientSecret(clientSecret)
              .scopes(scopes != null ? scopes : Scopes.defaultRequest());
      if (clientAuthMethod != null) {
        grant.authMethod(clientAuthMethod);
      }
      if (scopeCheck != null) {
        grant.scopeCheck(scopeCheck);
      }
      tokenParameters.forEach(grant::tokenParameter);
      return grant.build();
    }

    private String ways() {
      StringBuilder set = new StringBuilder();
      if (accessToken != null) {
        set.append("accessToken");
      }
      if (clientId != null) {
        set.append(set.length() > 0 ? ", " : "").append("credentials");
      }
      if (tokenProvider != null) {
        set.append(set.length() > 0 ? ", " : "").append("tokenProvider");
      }
      return set.toString();
    }

    private static Duration positive(String name, Duration timeout) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            name + " is " + timeout + ": use a positive duration, such as Duration.ofSeconds(10)");
      }
      return timeout;
    }

    /** Returns the settings, with the token and secret shown as {@code <redacted>}. */
    @Override
    public String toString() {
      return "RetrofitTransport.Builder{baseUrl="
          + BaseUrls.redact(baseUrl)
          + (accessToken != null ? ", accessToken=<redacted>" : "")
          + (clientId != null ? ", clientId=" + clientId + ", clientSecret=<redacted>" : "")
          + (authBaseUrl != null ? ", authBaseUrl=" + BaseUrls.redact(authBaseUrl) : "")
          + (tokenUrl != null ? ", tokenUrl=" + BaseUrls.redact(tokenUrl) : "")
          + (clientAuthMethod != null ? ", clientAuthMethod=" + clientAuthMethod.wireName() : "")
          + (tokenParameters.isEmpty() ? "" : ", tokenParameters=" + tokenParameters)
          + (scopeCheck != null ? ", scopeCheck=" + scopeCheck : "")
          + (scopes != null ? ", scopes=" + scopes : "")
          + (tokenProvider != null ? ", tokenProvider=" + tokenProvider.getClass().getName() : "")
          + (okHttpClient != null ? ", okHttpClient=caller's" : "")
          + ", callTimeout="
          + callTimeout
          + (maxResponseBytes != DEFAULT_MAX_RESPONSE_BYTES
              ? ", maxResponseBytes=" + maxResponseBytes
              : "")
          + "}";
    }
  }
}
