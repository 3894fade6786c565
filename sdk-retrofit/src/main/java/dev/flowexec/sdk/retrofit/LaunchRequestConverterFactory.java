package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.model.LaunchRequest;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.RequestBody;
import okio.Buffer;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Lets Retrofit send a {@link LaunchRequest} as a {@code @Body}, through {@link
 * LaunchRequestJsonAdapter} into a {@link JsonRequestBody}. Responses are read by the transport
 * itself, so this factory converts no response. Not public API.
 */
final class LaunchRequestConverterFactory extends Converter.Factory {
  /** The shared instance. */
  public static final LaunchRequestConverterFactory INSTANCE = new LaunchRequestConverterFactory();

  private static final Converter<LaunchRequest, RequestBody> CONVERTER =
      request -> {
        Buffer json = new Buffer();
        JsonCodec.writeLaunchRequest(request, json);
        return new JsonRequestBody(json);
      };

  private LaunchRequestConverterFactory() {}

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    return type == LaunchRequest.class ? CONVERTER : null;
  }
}
