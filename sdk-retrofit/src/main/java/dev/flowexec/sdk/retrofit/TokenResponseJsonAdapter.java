package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;

/**
 * Reads a successful token response (RFC 6749 §5.1): {@code access_token} (required), {@code
 * expires_in}, {@code scope}; {@code token_type} and unknown fields are ignored. Read only. Not
 * public API.
 */
final class TokenResponseJsonAdapter extends JsonAdapter<TokenResponse> {
  /** The shared, stateless instance. */
  public static final TokenResponseJsonAdapter INSTANCE = new TokenResponseJsonAdapter();

  private static final JsonReader.Options FIELDS =
      JsonReader.Options.of("access_token", "expires_in", "scope");

  private TokenResponseJsonAdapter() {}

  @Override
  public TokenResponse fromJson(JsonReader reader) throws IOException {
    String value = null;
    Long expiresIn = null;
    String scope = null;
    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(FIELDS);
      if (field == -1) {
        reader.skipName();
        reader.skipValue();
      } else if (reader.peek() == JsonReader.Token.NULL) {
        reader.skipValue();
      } else if (field == 0) {
        value = reader.nextString();
      } else if (field == 1) {
        expiresIn = reader.nextLong();
      } else {
        scope = reader.nextString();
      }
    }
    reader.endObject();
    if (value == null) {
      throw MalformedResponses.missingField("the token response", "access_token");
    }
    return new TokenResponse(value, expiresIn, scope);
  }

  @Override
  public void toJson(JsonWriter writer, TokenResponse value) {
    throw new UnsupportedOperationException("the SDK reads token responses and never writes them");
  }

  @Override
  public String toString() {
    return "JsonAdapter(TokenResponse)";
  }
}
