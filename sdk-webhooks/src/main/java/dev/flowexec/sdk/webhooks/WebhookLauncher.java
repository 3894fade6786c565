package dev.flowexec.sdk.webhooks;

import dev.flowexec.sdk.ExecutionResponse;
import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.model.LaunchRequest;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole inbound path of a webhook, in order: verify the signature, refuse an id already
 * handled, map the delivery to a request, launch it under the execution id derived from the
 * delivery id, and remember the id as handled. Nothing is parsed or launched before the signature
 * is verified. Thread-safe.
 *
 * <p><b>Answering the sender</b>, so that every event launches exactly once:
 *
 * <ul>
 *   <li>a {@link LaunchedDelivery}: {@code 2xx}, whether the execution was started now or replayed
 *       by the service ({@link LaunchedDelivery#outcome()} says which);
 *   <li>{@link WebhookVerificationException} with reason {@code REPLAYED}: {@code 2xx} too (the
 *       delivery was handled before, nothing is done again);
 *   <li>any other {@link WebhookVerificationException}: {@code 401} ({@code 413} for {@code
 *       BODY_TOO_LARGE}), without saying which check failed;
 *   <li>{@link dev.flowexec.sdk.errors.RequestValidationException} from the mapping: {@code 4xx}, a
 *       redelivery would fail again;
 *   <li>a {@link dev.flowexec.sdk.errors.FlowApiException} that is retryable (I/O, {@code 429},
 *       {@code 5xx}, {@code 409 request_in_progress}): {@code 503} with {@code Retry-After}. The id
 *       was not marked handled, so the sender's redelivery goes through, and its launch, under the
 *       same execution id, is replayed by the service if the failed one did start an execution.
 * </ul>
 *
 * <pre>{@code
 * WebhookLauncher launcher = WebhookLauncher.builder()
 *     .verifier(StandardWebhooksVerifier.builder().secret(secret).build())
 *     .mapping(delivery -> Optional.of(requestFor(delivery)))
 *     .client(client)
 *     .build();
 * LaunchedDelivery launched = launcher.handle(body, headers);
 * }</pre>
 */
public final class WebhookLauncher {
  private final WebhookVerifier verifier;
  private final DeliveryMapping mapping;
  private final FlowExecutionsClient client;
  private final ReplayCache replayCache;

  private WebhookLauncher(Builder builder) {
    this.verifier = Objects.requireNonNull(builder.verifier, "verifier(...) is required");
    this.mapping = Objects.requireNonNull(builder.mapping, "mapping(...) is required");
    this.client = Objects.requireNonNull(builder.client, "client(...) is required");
    this.replayCache = builder.replayCache != null ? builder.replayCache : ReplayCache.create();
  }

  /**
   * Starts a builder; {@code verifier}, {@code mapping} and {@code client} are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a delivery and launches it once.
   *
   * @param body the raw request body
   * @param headers the request's headers
   * @return what was done
   * @throws WebhookVerificationException if verification failed, or the delivery was handled before
   *     ({@code REPLAYED}); nothing was launched
   * @throws dev.flowexec.sdk.errors.RequestValidationException if the mapping could not make a
   *     valid request; nothing was launched
   * @throws dev.flowexec.sdk.errors.FlowApiException if the launch failed; the delivery is not
   *     marked handled, so its redelivery launches (or replays)
   */
  public LaunchedDelivery handle(byte[] body, WebhookHeaders headers) {
    return launch(verifier.verify(body, headers));
  }

  /**
   * Verifies a delivery whose headers are a map, and launches it once; see {@link #handle(byte[],
   * WebhookHeaders)}.
   *
   * @param body the raw request body
   * @param headers the request's headers, such as {@code HttpExchange.getRequestHeaders()}
   * @return what was done
   */
  public LaunchedDelivery handle(byte[] body, Map<String, ? extends Collection<String>> headers) {
    return handle(body, WebhookHeaders.of(headers));
  }

  /**
   * Launches a delivery verified already (by this launcher's verifier or another): the steps of
   * {@link #handle(byte[], WebhookHeaders)} after verification.
   *
   * @param delivery the verified delivery
   * @return what was done
   */
  public LaunchedDelivery launch(VerifiedDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    replayCache.checkNotHandled(delivery);
    Optional<LaunchRequest> request = requestFor(delivery);
    if (request.isEmpty()) {
      replayCache.markHandled(delivery);
      return new LaunchedDelivery(delivery, null, null, null);
    }
    ExecutionResponse launched = client.withResponse().launch(request.get());
    replayCache.markHandled(
        delivery); // only now: a failed launch must leave the redelivery free to pass
    return new LaunchedDelivery(delivery, request.get(), launched.execution(), launched.metadata());
  }

  /**
   * Maps a delivery to its request, with the derived {@code flow_execution_id}; launches nothing.
   *
   * @param delivery the verified delivery
   * @return the request, or empty when the mapping ignores the delivery
   */
  public Optional<LaunchRequest> requestFor(VerifiedDelivery delivery) {
    Optional<LaunchRequest> mapped =
        Objects.requireNonNull(
            mapping.toLaunchRequest(delivery),
            "the mapping returned null: return Optional.empty() to launch nothing");
    return mapped.map(
        request ->
            request.withFlowExecutionId(
                DeliveryExecutionIds.derive(request.flowId(), delivery.id())));
  }

  /**
   * Returns the verifier, whose {@link WebhookVerifier#maxBodyBytes()} bounds what to read.
   *
   * @return the verifier
   */
  public WebhookVerifier verifier() {
    return verifier;
  }

  @Override
  public String toString() {
    return "WebhookLauncher{" + verifier + ", " + replayCache + "}";
  }

  /** Builds a {@link WebhookLauncher}. Not thread-safe. */
  public static final class Builder {
    private WebhookVerifier verifier;
    private DeliveryMapping mapping;
    private FlowExecutionsClient client;
    private ReplayCache replayCache;

    private Builder() {}

    /**
     * Sets the verifier of the sender's scheme.
     *
     * @param verifier the verifier
     * @return this
     */
    public Builder verifier(WebhookVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Sets how a delivery becomes a request.
     *
     * @param mapping the mapping
     * @return this
     */
    public Builder mapping(DeliveryMapping mapping) {
      this.mapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets the client that launches; the launcher does not close it.
     *
     * @param client the client
     * @return this
     */
    public Builder client(FlowExecutionsClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the cache of handled delivery ids. Default {@link ReplayCache#create()}, one per
     * launcher; share one between launchers of the same sender.
     *
     * @param replayCache the cache
     * @return this
     */
    public Builder replayCache(ReplayCache replayCache) {
      this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
      return this;
    }

    /**
     * Builds the launcher.
     *
     * @return the launcher
     * @throws NullPointerException naming a required setting that is missing
     */
    public WebhookLauncher build() {
      return new WebhookLauncher(this);
    }
  }
}
