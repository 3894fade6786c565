package dev.flowexec.sdk.model;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.internal.IdRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The contract's request rules that the compiler cannot check, run by {@code build()}. Every
 * message names the field path (in wire names), the rule and the fix.
 */
final class RequestRules {
  /** The most participants a request may have. */
  public static final int MAX_PARTICIPANTS = 50;

  /** The most channels a participant may have. */
  public static final int MAX_CHANNELS = 6;

  /** The longest id: {@code flow_id}, {@code flow_execution_id}, {@code user_id}. */
  public static final int MAX_ID_LENGTH = IdRules.MAX_ID_LENGTH;

  /** The longest display name. */
  public static final int MAX_NAME_LENGTH = 200;

  /** The largest serialized {@code input_data}, in bytes. */
  public static final int MAX_INPUT_DATA_BYTES = 262_144;

  /**
   * The deepest nesting of lists and maps in {@code input_data}, itself included. Not a rule of the
   * service: JSON writers stop at about 255 levels, and a list or map that contains itself would
   * otherwise end in a {@link StackOverflowError}.
   */
  public static final int MAX_INPUT_DATA_DEPTH = 200;

  private RequestRules() {}

  /** Checks a participant on its own; paths start with {@code participant.}. */
  public static void checkParticipant(Participant participant) {
    List<FieldError> errors = new ArrayList<>(0);
    checkUserId(participant.userId(), "participant.user_id", errors);
    checkRole(participant.role(), "participant.role", errors);
    checkChannels(participant.channels(), "participant.channels", errors);
    throwIfAny(errors);
  }

  /**
   * Checks a launch request (participants were checked when they were built) and returns the {@code
   * input_data} to keep: the request's own map, or a copy holding the snapshots of its values (see
   * {@link InputDataCheck}).
   */
  public static Map<String, Object> checkLaunchRequest(LaunchRequest request) {
    List<FieldError> errors = new ArrayList<>(0);
    add(IdRules.flowId(request.flowId(), "flow_id"), "flow_id", errors);
    request
        .flowVersion()
        .ifPresent(
            v -> {
              if (checkNotBlank(
                  v,
                  "flow_version",
                  "a published version, such as \"3\", or leave it out for the latest",
                  errors)) {
                loneSurrogate(v, "flow_version", errors);
              }
            });
    add(
        IdRules.executionId(request.flowExecutionId(), "flow_execution_id"),
        "flow_execution_id",
        errors);
    request
        .name()
        .ifPresent(
            name -> {
              if (checkLength(name, "name", MAX_NAME_LENGTH, errors)) {
                loneSurrogate(name, "name", errors);
              }
            });
    checkParticipants(request.participants(), errors);
    checkChannelType(request, errors);
    request
        .startNode()
        .ifPresent(
            node -> {
              if (checkNotBlank(
                  node,
                  "start_node",
                  "the exact, case-sensitive name of a node of the flow, or leave it out to start at the flow's start node",
                  errors)) {
                loneSurrogate(node, "start_node", errors);
              }
            });
    Map<String, Object> inputData = checkInputData(request.inputData(), errors);
    throwIfAny(errors);
    return inputData;
  }

  private static void checkParticipants(List<Participant> participants, List<FieldError> errors) {
    if (participants.size() > MAX_PARTICIPANTS) {
      errors.add(
          FieldError.of(
              "participants",
              "too_many",
              String.format(
                  Locale.ROOT,
                  "participants has %d items: launch with at most %d participants",
                  participants.size(),
                  MAX_PARTICIPANTS)));
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < participants.size(); i++) {
      String userId = participants.get(i).userId();
      Integer earlier = firstIndex.putIfAbsent(userId, i);
      if (earlier != null) {
        errors.add(
            FieldError.of(
                "participants[" + i + "].user_id",
                "duplicate",
                String.format(
                    Locale.ROOT,
                    "participants[%d].user_id repeats \"%s\" of participants[%d]: give each participant its own user_id, or merge their channels into one participant",
                    i,
                    userId,
                    earlier)));
      }
    }
  }

  private static void checkChannelType(LaunchRequest request, List<FieldError> errors) {
    Channel channelType = request.channelType();
    if (!channelType.isKnown()) {
      errors.add(unknownValue("channel_type", channelType.value(), Channel.knownValues()));
      return;
    }
    for (Participant participant : request.participants()) {
      if (participant.channels().contains(channelType)) {
        return;
      }
    }
    String offered =
        request.participants().stream()
            .flatMap(p -> p.channels().stream())
            .distinct()
            .map(Channel::value)
            .collect(Collectors.joining(", "));
    errors.add(
        FieldError.of(
            "channel_type",
            "not_allowed",
            String.format(
                Locale.ROOT,
                "channel_type is \"%s\", but no participant has that channel: add %s to a participant's channels, or use one they have (%s)",
                channelType.value(),
                channelType.value(),
                offered)));
  }

  private static Map<String, Object> checkInputData(
      Map<String, Object> inputData, List<FieldError> errors) {
    if (inputData.isEmpty()) {
      return inputData;
    }
    InputDataCheck check = InputDataCheck.of(inputData, MAX_INPUT_DATA_DEPTH, errors);
    long size =
        check.serializedSize(); // -1 after an error: the size of an unserializable value means
    // nothing
    if (size > MAX_INPUT_DATA_BYTES) {
      errors.add(
          FieldError.of(
              "input_data",
              "too_large",
              String.format(
                  Locale.ROOT,
                  "input_data is %s bytes as JSON%s: keep it at most %,d bytes, and pass large payloads by reference (a URL or an id)",
                  size == Long.MAX_VALUE
                      ? "more than " + String.format(Locale.ROOT, "%,d", Long.MAX_VALUE)
                      : String.format(Locale.ROOT, "%,d", size),
                  check.hasSharedParts()
                      ? " (a list or map used in several places is written out at each)"
                      : "",
                  MAX_INPUT_DATA_BYTES)));
    }
    return check.snapshot();
  }

  private static void checkUserId(String userId, String path, List<FieldError> errors) {
    if (checkNotBlank(userId, path, "your system's id for this person, 1 to 128 characters", errors)
        && checkLength(userId, path, MAX_ID_LENGTH, errors)) {
      loneSurrogate(userId, path, errors);
    }
  }

  /**
   * Adds an error when {@code value} holds a lone surrogate, which UTF-8 cannot carry: codecs would
   * send '?', and two different ids would become one. Returns whether it holds none.
   */
  static boolean loneSurrogate(String value, String path, List<FieldError> errors) {
    int at = JsonValues.loneSurrogate(value);
    if (at < 0) {
      return true;
    }
    errors.add(
        FieldError.of(
            path,
            "invalid_format",
            String.format(
                Locale.ROOT,
                "%s has a lone surrogate (\\u%04x) at index %d, which UTF-8 cannot carry (it would be sent as '?'): fix the text, perhaps cut in the middle of an emoji",
                path,
                (int) value.charAt(at),
                at)));
    return false;
  }

  private static void checkRole(Role role, String path, List<FieldError> errors) {
    if (!role.isKnown()) {
      errors.add(unknownValue(path, role.value(), Role.knownValues()));
    }
  }

  private static void checkChannels(List<Channel> channels, String path, List<FieldError> errors) {
    if (channels.size() > MAX_CHANNELS) {
      errors.add(
          FieldError.of(
              path,
              "too_many",
              String.format(
                  Locale.ROOT,
                  "%s has %d items: list at most %d distinct channels",
                  path,
                  channels.size(),
                  MAX_CHANNELS)));
    }
    for (int i = 0; i < channels.size(); i++) {
      Channel channel = channels.get(i);
      String itemPath = path + "[" + i + "]";
      if (!channel.isKnown()) {
        errors.add(unknownValue(itemPath, channel.value(), Channel.knownValues()));
      } else if (channels.indexOf(channel) < i) {
        errors.add(
            FieldError.of(
                itemPath,
                "duplicate",
                String.format(
                    Locale.ROOT,
                    "%s repeats \"%s\": list each channel once",
                    itemPath,
                    channel.value())));
      }
    }
  }

  private static boolean checkNotBlank(
      String value, String path, String fix, List<FieldError> errors) {
    return add(IdRules.blank(value, path, fix), path, errors);
  }

  private static boolean checkLength(String value, String path, int max, List<FieldError> errors) {
    return add(IdRules.tooLong(value, path, max), path, errors);
  }

  /** Adds the broken rule, if any, as an error at {@code path}; returns whether none was broken. */
  private static boolean add(IdRules.Broken broken, String path, List<FieldError> errors) {
    if (broken == null) {
      return true;
    }
    errors.add(FieldError.of(path, broken.code(), broken.message()));
    return false;
  }

  private static FieldError unknownValue(String path, String value, List<?> known) {
    String allowed = known.stream().map(Object::toString).collect(Collectors.joining(", "));
    Optional<String> sameIgnoringCase =
        known.stream()
            .map(Object::toString)
            .filter(k -> k.equalsIgnoreCase(value.trim()))
            .findFirst();
    String hint =
        sameIgnoringCase
            .map(k -> " (values are case-sensitive: did you mean " + k + "?)")
            .orElse("");
    return FieldError.of(
        path,
        "invalid_value",
        String.format(
            Locale.ROOT,
            "%s is \"%s\", which the service does not accept: use one of %s%s",
            path,
            value,
            allowed,
            hint));
  }

  /**
   * Text for a message: control characters, whitespace other than ' ', and lone surrogates escaped.
   */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(c == ' ' ? " " : IdRules.printable(c));
      }
    }
    return out.toString();
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new RequestValidationException(errors);
    }
  }
}
