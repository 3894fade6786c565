package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.model.LaunchRequest;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Retrofit's converters for the API's JSON, on the hand-written Moshi adapters: a {@link
 * LaunchRequest} {@code @Body} becomes a {@link JsonRequestBody}, and a successful response's body
 * an {@link ExecutionBody}, read as it streams from the socket (Retrofit buffers only error bodies,
 * which {@link BodyLimits} has cut to 64 KiB by then). Not public API.
 */
final class JsonConverterFactory extends Converter.Factory {
  /** The shared instance. */
  public static final JsonConverterFactory INSTANCE = new JsonConverterFactory();

  private static final Converter<LaunchRequest, RequestBody> LAUNCH_REQUEST =
      request -> {
        Buffer json = new Buffer();
        JsonCodec.writeLaunchRequest(request, json);
        return new JsonRequestBody(json);
      };

  private static final Converter<ResponseBody, ExecutionBody> EXECUTION =
      body -> {
        try (ResponseBody closing = body) {
          return ExecutionBody.of(JsonCodec.readExecution(closing.source()));
        } catch (FlowApiException malformed) {
          return ExecutionBody.malformed(malformed);
        } catch (IOException failure) {
          return ExecutionBody.unreadable(failure);
        }
      };

  private JsonConverterFactory() {}

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    return type == LaunchRequest.class ? LAUNCH_REQUEST : null;
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    return type == ExecutionBody.class ? EXECUTION : null;
  }
}
