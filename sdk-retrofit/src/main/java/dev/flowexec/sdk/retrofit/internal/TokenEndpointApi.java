package dev.flowexec.sdk.retrofit.internal;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.Header;
import retrofit2.http.POST;

/** The OAuth 2.0 token endpoint, {@code {auth_base}/oauth/token}, as a Retrofit interface. Not public API. */
public interface TokenEndpointApi {
  /**
   * Runs the client-credentials grant (RFC 6749 §4.4).
   *
   * @param basicAuthorization {@code Basic base64(urlencode(id):urlencode(secret))}
   * @param userAgent the SDK's user agent
   * @param accept {@code application/json}
   * @param grantType {@code client_credentials}
   * @param scope the requested scopes, space-separated
   * @return the call
   */
  @FormUrlEncoded
  @POST("oauth/token")
  Call<ResponseBody> token(
      @Header("Authorization") String basicAuthorization,
      @Header("User-Agent") String userAgent,
      @Header("Accept") String accept,
      @Field("grant_type") String grantType,
      @Field("scope") String scope);
}
