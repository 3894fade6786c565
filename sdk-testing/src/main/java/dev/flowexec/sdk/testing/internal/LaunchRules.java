package dev.flowexec.sdk.testing.internal;

import java.util.List;
import java.util.regex.Pattern;

/** The limits and allowed values of the launch body, as the contract states them. */
public final class LaunchRules {
  /** The most characters of {@code flow_id}, {@code flow_execution_id} and {@code user_id}. */
  public static final int MAX_ID_LENGTH = 128;

  /** The most characters of {@code name}. */
  public static final int MAX_NAME_LENGTH = 200;

  /** The most items of {@code participants}. */
  public static final int MAX_PARTICIPANTS = 50;

  /** The most items of {@code participants[].channels}. */
  public static final int MAX_CHANNELS = 6;

  /** The most bytes of the serialized {@code input_data}. */
  public static final int MAX_INPUT_DATA_BYTES = 262_144;

  /** The most bytes of a whole request body (1 MiB). */
  public static final int MAX_BODY_BYTES = 1_048_576;

  /** The characters of {@code flow_id}. */
  public static final Pattern FLOW_ID = Pattern.compile("[A-Za-z0-9._:-]+");

  /** The characters of {@code flow_execution_id}. */
  public static final Pattern FLOW_EXECUTION_ID = Pattern.compile("[A-Za-z0-9_-]+");

  /** The values of {@code participants[].role}. */
  public static final List<String> ROLES = List.of("USER", "AGENT", "BOT", "EXTERNAL");

  /** The values of {@code participants[].channels[]} and {@code channel_type}. */
  public static final List<String> CHANNELS =
      List.of("voice", "web", "chat", "sms", "email", "messaging");

  /** The fields of the launch body. */
  public static final List<String> FIELDS =
      List.of(
          "flow_id",
          "flow_version",
          "flow_execution_id",
          "name",
          "participants",
          "channel_type",
          "start_node",
          "input_data");

  /** The fields of a participant. */
  public static final List<String> PARTICIPANT_FIELDS = List.of("user_id", "role", "channels");

  private LaunchRules() {}
}
