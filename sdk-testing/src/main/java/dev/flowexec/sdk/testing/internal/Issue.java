package dev.flowexec.sdk.testing.internal;

/** The {@code issue} values of a validation detail, as the contract names them. */
public enum Issue {
  /** The field is missing or null (or an empty array that needs items). */
  REQUIRED("required"),
  /** An empty or all-whitespace string. */
  BLANK("blank"),
  /** Over a length limit. */
  TOO_LONG("too_long"),
  /** Over a count limit. */
  TOO_MANY("too_many"),
  /** Over a size limit. */
  TOO_LARGE("too_large"),
  /** Breaks the field's character or syntax rule, or has the wrong JSON type. */
  INVALID_FORMAT("invalid_format"),
  /** Not one of the allowed values. */
  INVALID_VALUE("invalid_value"),
  /** Repeats a value that must be unique. */
  DUPLICATE("duplicate"),
  /** Breaks a rule between fields. */
  NOT_ALLOWED("not_allowed"),
  /** {@code start_node} names no node of the flow version. */
  UNKNOWN_NODE("unknown_node"),
  /** A field the contract does not define. */
  UNKNOWN_FIELD("unknown_field"),
  /** The body is not a JSON object. */
  MALFORMED_JSON("malformed_json");

  private final String wireName;

  Issue(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value written in {@code details[].issue}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }
}
