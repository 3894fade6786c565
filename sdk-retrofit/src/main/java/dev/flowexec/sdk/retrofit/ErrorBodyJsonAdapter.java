package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.transport.ErrorBody;
import java.io.IOException;

/**
 * Reads the service's error body ({@code error_code}, {@code message}, {@code request_id}, {@code
 * details}, {@code required_scopes}, {@code retry_after_seconds}), or an RFC 6749 §5.2
 * token-endpoint error ({@code error}, {@code error_description}) into the same type. Unknown
 * fields are skipped; a value of the wrong type is skipped too, since an error body is read on a
 * best-effort basis. Read only. Not public API.
 */
final class ErrorBodyJsonAdapter extends JsonAdapter<ErrorBody> {
  /** Reads the API's error body. */
  public static final ErrorBodyJsonAdapter API =
      new ErrorBodyJsonAdapter(
          JsonReader.Options.of(
              "error_code",
              "message",
              "request_id",
              "details",
              "required_scopes",
              "retry_after_seconds"));

  /**
   * Reads a token endpoint's error: {@code error} as the code, {@code error_description} as the
   * message.
   */
  public static final ErrorBodyJsonAdapter OAUTH =
      new ErrorBodyJsonAdapter(JsonReader.Options.of("error", "error_description"));

  private static final JsonReader.Options DETAIL_FIELDS =
      JsonReader.Options.of("field", "issue", "message");

  private final JsonReader.Options fields;

  private ErrorBodyJsonAdapter(JsonReader.Options fields) {
    this.fields = fields;
  }

  @Override
  public ErrorBody fromJson(JsonReader reader) throws IOException {
    ErrorBody.Builder body = ErrorBody.builder();
    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(fields);
      if (field == -1) {
        reader.skipName();
        reader.skipValue();
        continue;
      }
      JsonReader.Token token = reader.peek();
      switch (field) {
        case 0:
        case 1:
        case 2:
          if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) {
            String value = reader.nextString();
            if (field == 0) {
              body.errorCode(value);
            } else if (field == 1) {
              body.message(value);
            } else {
              body.requestId(value);
            }
          } else {
            reader.skipValue();
          }
          break;
        case 3:
          if (token == JsonReader.Token.BEGIN_ARRAY) {
            reader.beginArray();
            while (reader.hasNext()) {
              FieldError detail = readDetail(reader);
              if (detail != null) {
                body.addDetails(detail);
              }
            }
            reader.endArray();
          } else {
            reader.skipValue();
          }
          break;
        case 4:
          if (token == JsonReader.Token.BEGIN_ARRAY) {
            reader.beginArray();
            while (reader.hasNext()) {
              if (reader.peek() == JsonReader.Token.STRING) {
                body.addRequiredScopes(reader.nextString());
              } else {
                reader.skipValue();
              }
            }
            reader.endArray();
          } else {
            reader.skipValue();
          }
          break;
        default:
          if (token == JsonReader.Token.NUMBER) {
            body.retryAfterSeconds(reader.nextDouble());
          } else {
            reader.skipValue();
          }
          break;
      }
    }
    reader.endObject();
    return body.build();
  }

  private static FieldError readDetail(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    String[] values = {null, null, null};
    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(DETAIL_FIELDS);
      if (field == -1) {
        reader.skipName();
        reader.skipValue();
      } else if (reader.peek() == JsonReader.Token.STRING) {
        values[field] = reader.nextString();
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    if (values[0] == null || values[1] == null) {
      return null;
    }
    return FieldError.of(values[0], values[1], values[2] == null ? "" : values[2]);
  }

  @Override
  public void toJson(JsonWriter writer, ErrorBody value) {
    throw new UnsupportedOperationException("the SDK reads error bodies and never writes them");
  }

  @Override
  public String toString() {
    return "JsonAdapter(ErrorBody)";
  }
}
