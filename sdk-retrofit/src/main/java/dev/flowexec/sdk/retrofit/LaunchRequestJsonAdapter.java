package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.flowexec.sdk.model.Channel;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.model.Participant;
import java.io.IOException;
import java.util.List;

/**
 * Writes a {@link LaunchRequest} as the contract's body, field by field, with no reflection and no
 * intermediate map. Absent optional fields and an empty {@code input_data} are left out. Write
 * only: the SDK never reads requests. Not public API.
 */
final class LaunchRequestJsonAdapter extends JsonAdapter<LaunchRequest> {
  /** The shared, stateless instance. */
  public static final LaunchRequestJsonAdapter INSTANCE = new LaunchRequestJsonAdapter();

  private LaunchRequestJsonAdapter() {}

  @Override
  public LaunchRequest fromJson(JsonReader reader) {
    throw new UnsupportedOperationException("the SDK writes launch requests and never reads them");
  }

  @Override
  public void toJson(JsonWriter writer, LaunchRequest request) throws IOException {
    if (request == null) {
      writer.nullValue();
      return;
    }
    writer.setSerializeNulls(true); // null values inside input_data are data
    writer.beginObject();
    writer.name("flow_id").value(request.flowId());
    if (request.flowVersion().isPresent()) {
      writer.name("flow_version").value(request.flowVersion().get());
    }
    writer.name("flow_execution_id").value(request.flowExecutionId());
    if (request.name().isPresent()) {
      writer.name("name").value(request.name().get());
    }
    writer.name("participants").beginArray();
    List<Participant> participants = request.participants();
    for (int i = 0; i < participants.size(); i++) {
      writeParticipant(writer, participants.get(i));
    }
    writer.endArray();
    writer.name("channel_type").value(request.channelType().value());
    if (request.startNode().isPresent()) {
      writer.name("start_node").value(request.startNode().get());
    }
    if (!request.inputData().isEmpty()) {
      writer.name("input_data");
      JsonValueWriter.write(writer, request.inputData());
    }
    writer.endObject();
  }

  private static void writeParticipant(JsonWriter writer, Participant participant)
      throws IOException {
    writer.beginObject();
    writer.name("user_id").value(participant.userId());
    writer.name("role").value(participant.role().value());
    writer.name("channels").beginArray();
    List<Channel> channels = participant.channels();
    for (int i = 0; i < channels.size(); i++) {
      writer.value(channels.get(i).value());
    }
    writer.endArray();
    writer.endObject();
  }

  @Override
  public String toString() {
    return "JsonAdapter(LaunchRequest)";
  }
}
