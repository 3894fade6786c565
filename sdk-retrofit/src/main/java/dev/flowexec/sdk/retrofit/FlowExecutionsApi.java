package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.model.LaunchRequest;
import java.util.Map;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.HeaderMap;
import retrofit2.http.POST;
import retrofit2.http.Path;

/**
 * The Flow Executions API v2 as a Retrofit interface, on {@link JsonConverterFactory} (a success is
 * read straight from the socket; error bodies arrive already cut to 64 KiB by {@link BodyLimits})
 * and {@link ExchangeCallAdapterFactory}. A {@code null} header value leaves the header out. Not
 * public API.
 */
interface FlowExecutionsApi {
  /**
   * {@code POST /api/v2/flows/executions}.
   *
   * @param authorization {@code Bearer <token>}
   * @param idempotencyKey the body's {@code flow_execution_id} as an RFC 8941 string
   * @param userAgent the SDK's user agent, or null when the caller sets its own
   * @param accept {@code application/json}, or null when the caller sets its own
   * @param extraHeaders the caller's extra headers
   * @param request the body
   * @return the exchange, not yet sent
   */
  @POST("api/v2/flows/executions")
  Exchange launch(
      @Header("Authorization") String authorization,
      @Header("Idempotency-Key") String idempotencyKey,
      @Header("User-Agent") String userAgent,
      @Header("Accept") String accept,
      @HeaderMap Map<String, String> extraHeaders,
      @Body LaunchRequest request);

  /**
   * {@code GET /api/v2/flows/executions/{flow_execution_id}}.
   *
   * @param flowExecutionId the id, percent-encoded as a path segment
   * @param authorization {@code Bearer <token>}
   * @param userAgent the SDK's user agent, or null when the caller sets its own
   * @param accept {@code application/json}, or null when the caller sets its own
   * @param extraHeaders the caller's extra headers
   * @return the exchange, not yet sent
   */
  @GET("api/v2/flows/executions/{flow_execution_id}")
  Exchange get(
      @Path("flow_execution_id") String flowExecutionId,
      @Header("Authorization") String authorization,
      @Header("User-Agent") String userAgent,
      @Header("Accept") String accept,
      @HeaderMap Map<String, String> extraHeaders);
}
