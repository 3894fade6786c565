package dev.flowexec.sdk.testing.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of {@code details}: a field path, the issue and a message for people. */
public final class Violation {
  private final String field;
  private final Issue issue;
  private final String message;

  /**
   * Creates a violation.
   *
   * @param field the path into the request body, such as {@code participants[1].role}
   * @param issue the issue
   * @param message a message for people
   */
  public Violation(String field, Issue issue, String message) {
    this.field = field;
    this.issue = issue;
    this.message = message;
  }

  /**
   * The path into the request body.
   *
   * @return the field path
   */
  public String field() {
    return field;
  }

  /**
   * The issue.
   *
   * @return the issue
   */
  public Issue issue() {
    return issue;
  }

  /**
   * The message for people.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * The JSON form of this violation.
   *
   * @return a map with {@code field}, {@code issue} and {@code message}
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("field", field);
    json.put("issue", issue.wireName());
    json.put("message", message);
    return json;
  }

  @Override
  public String toString() {
    return (field.isEmpty() ? "body" : field) + " (" + issue.wireName() + ")";
  }
}
