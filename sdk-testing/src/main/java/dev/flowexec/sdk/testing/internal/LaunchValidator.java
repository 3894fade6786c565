package dev.flowexec.sdk.testing.internal;

import dev.flowexec.sdk.testing.Flow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed launch body against every rule of the contract and collects all the violations
 * (unknown fields first, then in the order of the contract's worked example: {@code flow_id},
 * {@code flow_version}, {@code participants}, {@code flow_execution_id}, {@code name}, {@code
 * channel_type}, {@code start_node}, {@code input_data}, and the {@code Idempotency-Key} header
 * last), one per field path (the first rule a field breaks, in the order: required, type, blank,
 * length, format or value). Lengths count Unicode code points. {@code null} for an optional field
 * means absent.
 */
public final class LaunchValidator {
  private final Map<String, Flow> flows;

  /**
   * Creates a validator.
   *
   * @param flows the registered flows by id, to check {@code start_node}
   */
  public LaunchValidator(Map<String, Flow> flows) {
    this.flows = flows;
  }

  /**
   * Validates a launch.
   *
   * @param body the parsed JSON object
   * @param idempotencyKeys the values of the {@code Idempotency-Key} header, empty if absent
   * @return the violations, empty if the launch is valid
   */
  public List<Violation> validate(Map<String, Object> body, List<String> idempotencyKeys) {
    List<Violation> out = new ArrayList<>();
    for (String field : body.keySet()) {
      if (!LaunchRules.FIELDS.contains(field)) {
        out.add(unknownField(field));
      }
    }
    String flowId = id(out, body, "flow_id", LaunchRules.FLOW_ID, "A-Z a-z 0-9 . _ : -");
    String flowVersion = optionalString(out, body, "flow_version");
    Set<String> offeredChannels = participants(out, body);
    String executionId =
        id(out, body, "flow_execution_id", LaunchRules.FLOW_EXECUTION_ID, "A-Z a-z 0-9 _ -");
    name(out, body);
    channelType(out, body, offeredChannels);
    String startNode = optionalString(out, body, "start_node");
    inputData(out, body);
    boolean versionUsable = flowVersion != null || body.get("flow_version") == null;
    if (flowId != null && startNode != null && versionUsable) {
      startNode(out, flowId, flowVersion, startNode);
    }
    idempotencyKey(out, idempotencyKeys, executionId);
    return out;
  }

  private static Violation unknownField(String path) {
    return new Violation(path, Issue.UNKNOWN_FIELD, path + " is not a field of this request");
  }

  /** A required id: returns it if valid, else records a violation and returns null. */
  private static String id(
      List<Violation> out, Map<String, Object> body, String field, Pattern chars, String allowed) {
    Object value = body.get(field);
    if (value == null) {
      out.add(new Violation(field, Issue.REQUIRED, field + " is required"));
      return null;
    }
    if (!(value instanceof String)) {
      out.add(new Violation(field, Issue.INVALID_FORMAT, field + " must be a string"));
      return null;
    }
    String s = (String) value;
    if (s.isBlank()) {
      out.add(new Violation(field, Issue.BLANK, field + " must not be blank"));
      return null;
    }
    if (length(s) > LaunchRules.MAX_ID_LENGTH) {
      out.add(tooLong(field, LaunchRules.MAX_ID_LENGTH));
      return null;
    }
    if (!chars.matcher(s).matches()) {
      out.add(
          new Violation(
              field, Issue.INVALID_FORMAT, field + " may contain only the characters " + allowed));
      return null;
    }
    return s;
  }

  /** An optional, non-blank string: returns it if present and valid, else null. */
  private static String optionalString(
      List<Violation> out, Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String)) {
      out.add(new Violation(field, Issue.INVALID_FORMAT, field + " must be a string"));
      return null;
    }
    String s = (String) value;
    if (s.isBlank()) {
      out.add(new Violation(field, Issue.BLANK, field + " must not be blank when present"));
      return null;
    }
    return s;
  }

  private static void name(List<Violation> out, Map<String, Object> body) {
    Object value = body.get("name");
    if (value == null) {
      return;
    }
    if (!(value instanceof String)) {
      out.add(new Violation("name", Issue.INVALID_FORMAT, "name must be a string"));
    } else if (length((String) value) > LaunchRules.MAX_NAME_LENGTH) {
      out.add(tooLong("name", LaunchRules.MAX_NAME_LENGTH));
    }
  }

  /** Validates participants; returns the valid channels that participants offer. */
  private static Set<String> participants(List<Violation> out, Map<String, Object> body) {
    Set<String> offered = new HashSet<>();
    Object value = body.get("participants");
    if (value == null) {
      out.add(
          new Violation(
              "participants",
              Issue.REQUIRED,
              "participants is required: at least one participant"));
      return offered;
    }
    if (!(value instanceof List)) {
      out.add(new Violation("participants", Issue.INVALID_FORMAT, "participants must be an array"));
      return offered;
    }
    List<?> items = (List<?>) value;
    if (items.isEmpty()) {
      out.add(
          new Violation("participants", Issue.REQUIRED, "participants needs at least one item"));
      return offered;
    }
    if (items.size() > LaunchRules.MAX_PARTICIPANTS) {
      out.add(
          new Violation(
              "participants",
              Issue.TOO_MANY,
              "participants may have at most "
                  + LaunchRules.MAX_PARTICIPANTS
                  + " items, not "
                  + items.size()));
    }
    Set<String> userIds = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "participants[" + i + "]";
      Object item = items.get(i);
      if (item == null) {
        out.add(new Violation(path, Issue.REQUIRED, path + " must not be null"));
        continue;
      }
      if (!(item instanceof Map)) {
        out.add(new Violation(path, Issue.INVALID_FORMAT, path + " must be an object"));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> participant = (Map<String, Object>) item;
      for (String field : participant.keySet()) {
        if (!LaunchRules.PARTICIPANT_FIELDS.contains(field)) {
          out.add(unknownField(path + "." + field));
        }
      }
      userId(out, participant, path, userIds);
      role(out, participant, path);
      channels(out, participant, path, offered);
    }
    return offered;
  }

  private static void userId(
      List<Violation> out, Map<String, Object> participant, String path, Set<String> seen) {
    String field = path + ".user_id";
    Object value = participant.get("user_id");
    if (value == null) {
      out.add(new Violation(field, Issue.REQUIRED, "a participant needs a user_id"));
    } else if (!(value instanceof String)) {
      out.add(new Violation(field, Issue.INVALID_FORMAT, "user_id must be a string"));
    } else if (((String) value).isBlank()) {
      out.add(new Violation(field, Issue.BLANK, "user_id must not be blank"));
    } else if (length((String) value) > LaunchRules.MAX_ID_LENGTH) {
      out.add(tooLong(field, LaunchRules.MAX_ID_LENGTH));
    } else if (!seen.add((String) value)) {
      out.add(
          new Violation(
              field,
              Issue.DUPLICATE,
              "user_id " + value + " appears in more than one participant"));
    }
  }

  private static void role(List<Violation> out, Map<String, Object> participant, String path) {
    String field = path + ".role";
    Object value = participant.get("role");
    if (value == null) {
      out.add(new Violation(field, Issue.REQUIRED, "a participant needs a role"));
    } else if (!(value instanceof String)) {
      out.add(new Violation(field, Issue.INVALID_FORMAT, "role must be a string"));
    } else if (((String) value).isBlank()) {
      out.add(new Violation(field, Issue.BLANK, "role must not be blank"));
    } else if (!LaunchRules.ROLES.contains(value)) {
      out.add(
          new Violation(
              field,
              Issue.INVALID_VALUE,
              "role must be one of " + String.join(", ", LaunchRules.ROLES)));
    }
  }

  private static void channels(
      List<Violation> out, Map<String, Object> participant, String path, Set<String> offered) {
    String field = path + ".channels";
    Object value = participant.get("channels");
    if (value == null) {
      out.add(new Violation(field, Issue.REQUIRED, "a participant needs at least one channel"));
      return;
    }
    if (!(value instanceof List)) {
      out.add(new Violation(field, Issue.INVALID_FORMAT, "channels must be an array of strings"));
      return;
    }
    List<?> channels = (List<?>) value;
    if (channels.isEmpty()) {
      out.add(new Violation(field, Issue.REQUIRED, "a participant needs at least one channel"));
      return;
    }
    if (channels.size() > LaunchRules.MAX_CHANNELS) {
      out.add(
          new Violation(
              field,
              Issue.TOO_MANY,
              "channels may have at most "
                  + LaunchRules.MAX_CHANNELS
                  + " items, not "
                  + channels.size()));
    }
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < channels.size(); k++) {
      String itemPath = field + "[" + k + "]";
      Object channel = channels.get(k);
      if (channel == null) {
        out.add(new Violation(itemPath, Issue.REQUIRED, "a channel must not be null"));
      } else if (!(channel instanceof String)) {
        out.add(new Violation(itemPath, Issue.INVALID_FORMAT, "a channel must be a string"));
      } else if (((String) channel).isBlank()) {
        out.add(new Violation(itemPath, Issue.BLANK, "a channel must not be blank"));
      } else if (!LaunchRules.CHANNELS.contains(channel)) {
        out.add(
            new Violation(
                itemPath,
                Issue.INVALID_VALUE,
                "a channel must be one of " + String.join(", ", LaunchRules.CHANNELS)));
      } else if (!seen.add((String) channel)) {
        out.add(
            new Violation(
                itemPath, Issue.DUPLICATE, "channel " + channel + " is listed more than once"));
      } else {
        offered.add((String) channel);
      }
    }
  }

  private static void channelType(
      List<Violation> out, Map<String, Object> body, Set<String> offered) {
    Object value = body.get("channel_type");
    if (value == null) {
      out.add(new Violation("channel_type", Issue.REQUIRED, "channel_type is required"));
    } else if (!(value instanceof String)) {
      out.add(new Violation("channel_type", Issue.INVALID_FORMAT, "channel_type must be a string"));
    } else if (((String) value).isBlank()) {
      out.add(new Violation("channel_type", Issue.BLANK, "channel_type must not be blank"));
    } else if (!LaunchRules.CHANNELS.contains(value)) {
      out.add(
          new Violation(
              "channel_type",
              Issue.INVALID_VALUE,
              "channel_type must be one of " + String.join(", ", LaunchRules.CHANNELS)));
    } else if (!offered.isEmpty() && !offered.contains(value)) {
      out.add(
          new Violation(
              "channel_type",
              Issue.NOT_ALLOWED,
              "channel_type " + value + " is not among the channels of any participant"));
    }
  }

  private static void inputData(List<Violation> out, Map<String, Object> body) {
    Object value = body.get("input_data");
    if (value == null) {
      return;
    }
    if (!(value instanceof Map)) {
      out.add(new Violation("input_data", Issue.INVALID_FORMAT, "input_data must be an object"));
      return;
    }
    int bytes = JsonWriter.write(value).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > LaunchRules.MAX_INPUT_DATA_BYTES) {
      out.add(
          new Violation(
              "input_data",
              Issue.TOO_LARGE,
              "input_data is "
                  + bytes
                  + " bytes serialized; the limit is "
                  + LaunchRules.MAX_INPUT_DATA_BYTES));
    }
  }

  private void startNode(
      List<Violation> out, String flowId, String requestedVersion, String startNode) {
    Flow flow = flows.get(flowId);
    if (flow == null) {
      return; // answered 404 flow_not_found once the body is valid
    }
    Optional<String> version =
        requestedVersion != null ? Optional.of(requestedVersion) : flow.latestVersion();
    List<String> nodes = version.map(v -> flow.versions().get(v)).orElse(null);
    if (nodes != null && !nodes.contains(startNode)) {
      out.add(
          new Violation(
              "start_node",
              Issue.UNKNOWN_NODE,
              "flow " + flowId + " version " + version.get() + " has no node named " + startNode));
    }
  }

  private static void idempotencyKey(
      List<Violation> out, List<String> headerValues, String executionId) {
    if (headerValues.isEmpty()) {
      return; // the header is optional: flow_execution_id is the idempotency key either way
    }
    if (headerValues.size() > 1) {
      out.add(
          new Violation(
              "Idempotency-Key", Issue.INVALID_FORMAT, "send the Idempotency-Key header once"));
      return;
    }
    Optional<String> key = StructuredFieldString.parse(headerValues.get(0));
    if (key.isEmpty()) {
      out.add(
          new Violation(
              "Idempotency-Key",
              Issue.INVALID_FORMAT,
              "Idempotency-Key must be an RFC 8941 string: the flow_execution_id in double quotes"));
    } else if (executionId != null && !key.get().equals(executionId)) {
      out.add(
          new Violation(
              "Idempotency-Key",
              Issue.NOT_ALLOWED,
              "Idempotency-Key must equal flow_execution_id"));
    }
  }

  private static Violation tooLong(String field, int max) {
    return new Violation(field, Issue.TOO_LONG, field + " may have at most " + max + " characters");
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
