package dev.flowexec.sdk.examples;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import dev.flowexec.sdk.model.Role;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okio.Buffer;

/**
 * The payload of a webhook the relay receives, and the launch it asks for. The relay parses it only
 * after the delivery's signature was verified.
 *
 * <pre>{@code
 * {"flow_id": "abc-123", "user_id": "user-456", "channel": "web", "role": "USER",
 *  "data": {"order_id": "42"}}
 * }</pre>
 *
 * <p>{@code user_id} and {@code channel} are required; {@code flow_id} may come from the relay's
 * default; {@code role} defaults to {@code USER}; {@code data} becomes {@code input_data}. Other
 * fields are ignored, as webhook senders add their own (a Stripe-style event's {@code id}, say).
 *
 * <p>The event carries no id of its own: the delivery id of the signature scheme ({@code
 * webhook-id}) is the event's identity, and {@link dev.flowexec.sdk.webhooks.WebhookLauncher}
 * derives the execution id from it, so every delivery of the event launches with the same
 * idempotency key.
 */
public final class WebhookEvent {
  private final String flowId;
  private final String userId;
  private final String role;
  private final String channel;
  private final Map<String, Object> data;

  private WebhookEvent(
      String flowId, String userId, String role, String channel, Map<String, Object> data) {
    this.flowId = flowId;
    this.userId = userId;
    this.role = role;
    this.channel = channel;
    this.data = data;
  }

  /**
   * Reads an event.
   *
   * @param json the request body
   * @return the event
   * @throws RequestValidationException naming each missing or malformed field (the relay answers
   *     400)
   */
  public static WebhookEvent parse(byte[] json) {
    Map<String, Object> fields;
    try {
      JsonReader reader = JsonReader.of(new Buffer().write(json));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw invalid(
            "",
            "malformed_json",
            "the event must be a JSON object, but it starts with a " + reader.peek());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) readValue(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw invalid("", "malformed_json", "the event has more after its JSON object");
      }
      fields = object;
    } catch (IOException | JsonDataException e) {
      throw invalid("", "malformed_json", "the event is not well-formed JSON: " + e.getMessage());
    }
    List<FieldError> problems = new ArrayList<>();
    String flowId = string(fields, "flow_id", false, problems);
    String userId = string(fields, "user_id", true, problems);
    String role = string(fields, "role", false, problems);
    String channel = string(fields, "channel", true, problems);
    Object data = fields.get("data");
    if (data != null && !(data instanceof Map)) {
      problems.add(
          FieldError.of(
              "data",
              "invalid_value",
              "data must be a JSON object of flow inputs, such as {\"order_id\": \"42\"}"));
    }
    if (!problems.isEmpty()) {
      throw new RequestValidationException(problems);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> inputs = data == null ? Map.of() : (Map<String, Object>) data;
    return new WebhookEvent(flowId, userId, role, channel, inputs);
  }

  /**
   * Builds the launch this event asks for.
   *
   * @param defaultFlowId the flow for events without {@code flow_id}, or null to require it
   * @return the request; {@link dev.flowexec.sdk.webhooks.WebhookLauncher} gives it the {@code
   *     flow_execution_id} derived from the delivery id
   * @throws RequestValidationException when the event breaks a rule of the contract (the relay
   *     answers 400)
   */
  public LaunchRequest toLaunchRequest(String defaultFlowId) {
    String flow = flowId != null ? flowId : defaultFlowId;
    if (flow == null) {
      throw invalid("flow_id", "required", "flow_id is required (this relay has no default flow)");
    }
    Participant participant =
        Participant.of(
            userId,
            Role.of(role == null ? "USER" : role.toUpperCase(Locale.ROOT)),
            Channel.of(channel.toLowerCase(Locale.ROOT)));
    return LaunchRequest.builder()
        .flowId(flow)
        .participants(participant)
        .channelType(participant.channels().get(0))
        .putAllInputData(data)
        .build();
  }

  /** Returns the event's flow id, or null when the relay's default applies. */
  public String flowId() {
    return flowId;
  }

  /** Returns the participant's user id. */
  public String userId() {
    return userId;
  }

  /** Returns the channel the execution runs on. */
  public String channel() {
    return channel;
  }

  /** Returns the flow inputs, possibly empty. */
  public Map<String, Object> data() {
    return data;
  }

  private static String string(
      Map<String, Object> fields, String name, boolean required, List<FieldError> problems) {
    Object value = fields.get(name);
    if (value == null) {
      if (required) {
        problems.add(FieldError.of(name, "required", name + " is required"));
      }
      return null;
    }
    if (!(value instanceof String)) {
      problems.add(FieldError.of(name, "invalid_value", name + " must be a string"));
      return null;
    }
    if (((String) value).isBlank()) {
      problems.add(FieldError.of(name, "blank", name + " is blank"));
      return null;
    }
    return (String) value;
  }

  private static RequestValidationException invalid(String field, String issue, String message) {
    return new RequestValidationException(List.of(FieldError.of(field, issue, message)));
  }

  /** Reads any JSON value; numbers keep their digits (Long, BigInteger or BigDecimal). */
  private static Object readValue(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          object.put(reader.nextName(), readValue(reader));
        }
        reader.endObject();
        return Collections.unmodifiableMap(object);
      case BEGIN_ARRAY:
        List<Object> array = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(readValue(reader));
        }
        reader.endArray();
        return Collections.unmodifiableList(array);
      case STRING:
        return reader.nextString();
      case NUMBER:
        String literal = reader.nextString();
        if (literal.matches("-?\\d+")) {
          BigInteger integer = new BigInteger(literal);
          return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        return new BigDecimal(literal);
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new JsonEncodingException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }
}
