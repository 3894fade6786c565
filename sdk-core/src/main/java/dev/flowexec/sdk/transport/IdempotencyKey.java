package dev.flowexec.sdk.transport;

/**
 * The {@code Idempotency-Key} header of a launch: the request's {@code flow_execution_id} as an RFC
 * 8941 sf-string ({@code "abc"}, quoted). Every transport sends it the same way, so a retried
 * launch is recognised as the same one.
 *
 * <pre>{@code
 * request.header(IdempotencyKey.HEADER, IdempotencyKey.of(launch.flowExecutionId()));
 * }</pre>
 */
public final class IdempotencyKey {
  /** The header's name. */
  public static final String HEADER = "Idempotency-Key";

  private IdempotencyKey() {}

  /**
   * Quotes an execution id: {@code abc} becomes {@code "abc"}, with {@code \} and {@code "}
   * escaped.
   *
   * @param flowExecutionId printable ASCII (0x20 to 0x7E), as a built request's id always is
   * @return the header's value
   * @throws IllegalArgumentException if the id has a character an sf-string cannot carry
   */
  public static String of(String flowExecutionId) {
    StringBuilder quoted = new StringBuilder(flowExecutionId.length() + 2).append('"');
    for (int i = 0; i < flowExecutionId.length(); i++) {
      char c = flowExecutionId.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(
            String.format(
                "flow_execution_id has the character U+%04X at index %d, which an Idempotency-Key cannot"
                    + " carry: use A-Z a-z 0-9 _ -",
                (int) c, i));
      }
      if (c == '\\' || c == '"') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('"').toString();
  }
}
