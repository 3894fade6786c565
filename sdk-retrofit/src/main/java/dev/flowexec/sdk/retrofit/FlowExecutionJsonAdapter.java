package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.ExecutionError;
import dev.flowexec.sdk.model.ExecutionStatus;
import dev.flowexec.sdk.model.FlowExecution;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads and writes the contract's execution through the Immutables builder. Unknown fields are
 * skipped, unknown statuses and channels kept, {@code null} means absent. A missing required field
 * ({@code flow_execution_id}, {@code flow_id}, {@code status}, {@code created_at}) is a {@link
 * MalformedResponses malformed response} naming the field. Timestamps are RFC 3339 with {@code Z}
 * or an offset; they are written in UTC. Not public API.
 */
final class FlowExecutionJsonAdapter extends JsonAdapter<FlowExecution> {
  /** The shared, stateless instance. */
  public static final FlowExecutionJsonAdapter INSTANCE = new FlowExecutionJsonAdapter();

  private static final String WHAT = "the execution";
  private static final JsonReader.Options FIELDS =
      JsonReader.Options.of(
          "flow_execution_id",
          "flow_id",
          "status",
          "created_at",
          "flow_version",
          "name",
          "channel_type",
          "updated_at",
          "completed_at",
          "output_data",
          "error",
          "self_uri");
  private static final JsonReader.Options ERROR_FIELDS = JsonReader.Options.of("code", "message");

  private FlowExecutionJsonAdapter() {}

  @Override
  public FlowExecution fromJson(JsonReader reader) throws IOException {
    String id = null;
    String flowId = null;
    String status = null;
    Instant createdAt = null;
    String flowVersion = null;
    String name = null;
    String channelType = null;
    Instant updatedAt = null;
    Instant completedAt = null;
    Map<String, Object> outputData = null;
    ExecutionError error = null;
    String selfUri = null;

    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(FIELDS);
      if (field == -1) {
        reader.skipName();
        reader.skipValue();
        continue;
      }
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.skipValue();
        continue;
      }
      switch (field) {
        case 0:
          id = reader.nextString();
          break;
        case 1:
          flowId = reader.nextString();
          break;
        case 2:
          status = reader.nextString();
          break;
        case 3:
          createdAt = instant(reader, "created_at");
          break;
        case 4:
          flowVersion = reader.nextString();
          break;
        case 5:
          name = reader.nextString();
          break;
        case 6:
          channelType = reader.nextString();
          break;
        case 7:
          updatedAt = instant(reader, "updated_at");
          break;
        case 8:
          completedAt = instant(reader, "completed_at");
          break;
        case 9:
          outputData = JsonValueReader.readObject(reader);
          break;
        case 10:
          error = readError(reader);
          break;
        default:
          selfUri = reader.nextString();
          break;
      }
    }
    reader.endObject();

    if (id == null) {
      throw MalformedResponses.missingField(WHAT, "flow_execution_id");
    }
    if (flowId == null) {
      throw MalformedResponses.missingField(WHAT, "flow_id");
    }
    if (status == null) {
      throw MalformedResponses.missingField(WHAT, "status");
    }
    if (createdAt == null) {
      throw MalformedResponses.missingField(WHAT, "created_at");
    }
    return FlowExecution.builder()
        .flowExecutionId(id)
        .flowId(flowId)
        .status(ExecutionStatus.of(status))
        .createdAt(createdAt)
        .flowVersion(flowVersion)
        .name(name)
        .channelType(channelType == null ? null : Channel.of(channelType))
        .updatedAt(updatedAt)
        .completedAt(completedAt)
        .outputData(outputData)
        .error(error)
        .selfUri(selfUri)
        .build();
  }

  private static ExecutionError readError(JsonReader reader) throws IOException {
    String code = "";
    String message = "";
    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(ERROR_FIELDS);
      if (field == -1) {
        reader.skipName();
        reader.skipValue();
      } else if (reader.peek() == JsonReader.Token.NULL) {
        reader.skipValue();
      } else if (field == 0) {
        code = reader.nextString();
      } else {
        message = reader.nextString();
      }
    }
    reader.endObject();
    return ExecutionError.of(code, message);
  }

  /**
   * Reads an RFC 3339 timestamp: {@code Z} or an offset, either case of {@code T} and {@code Z}.
   */
  private static Instant instant(JsonReader reader, String field) throws IOException {
    String text = reader.nextString();
    try {
      return Rfc3339.parse(text);
    } catch (DateTimeParseException e) {
      throw new JsonDataException(
          "\""
              + field
              + "\" is \""
              + text
              + "\", not an RFC 3339 timestamp such as 2026-11-28T10:00:00Z");
    }
  }

  @Override
  public void toJson(JsonWriter writer, FlowExecution execution) throws IOException {
    if (execution == null) {
      writer.nullValue();
      return;
    }
    writer.setSerializeNulls(true);
    writer.beginObject();
    writer.name("flow_execution_id").value(execution.flowExecutionId());
    writer.name("flow_id").value(execution.flowId());
    writer.name("flow_version").value(execution.flowVersion().orElse(null));
    writer.name("name").value(execution.name().orElse(null));
    writer.name("status").value(execution.status().value());
    writer.name("channel_type").value(execution.channelType().map(Channel::value).orElse(null));
    writer.name("created_at").value(execution.createdAt().toString());
    writer.name("updated_at").value(execution.updatedAt().map(Instant::toString).orElse(null));
    writer.name("completed_at").value(execution.completedAt().map(Instant::toString).orElse(null));
    writer.name("output_data");
    JsonValueWriter.write(writer, execution.outputData().orElse(null));
    writer.name("error");
    if (execution.error().isPresent()) {
      ExecutionError error = execution.error().get();
      writer
          .beginObject()
          .name("code")
          .value(error.code())
          .name("message")
          .value(error.message())
          .endObject();
    } else {
      writer.nullValue();
    }
    writer.name("self_uri").value(execution.selfUri().orElse(null));
    writer.endObject();
  }

  @Override
  public String toString() {
    return "JsonAdapter(FlowExecution)";
  }
}
