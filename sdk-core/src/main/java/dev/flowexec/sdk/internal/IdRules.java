package dev.flowexec.sdk.internal;

import java.util.Locale;

/**
 * The contract's rules for ids ({@code flow_id}, {@code flow_execution_id}, {@code user_id}) and
 * the wording of their messages, shared by request building (in {@code model}) and the client's
 * {@code get} (in the root package), which each wrap a broken rule in a {@code FieldError}. Depends
 * on no other package of the SDK. Not public API.
 */
public final class IdRules {
  /** The longest id: {@code flow_id}, {@code flow_execution_id}, {@code user_id}. */
  public static final int MAX_ID_LENGTH = 128;

  /** The characters of a {@code flow_id}. */
  public static final String FLOW_ID_CHARS = "A-Z a-z 0-9 . _ : -";

  /** The characters of a {@code flow_execution_id}. */
  public static final String EXECUTION_ID_CHARS = "A-Z a-z 0-9 _ -";

  private IdRules() {}

  /** A broken rule: its error code and its message for a person. */
  public static final class Broken {
    private final String code;
    private final String message;

    Broken(String code, String message) {
      this.code = code;
      this.message = message;
    }

    /** Returns the error code, such as {@code invalid_format}. */
    public String code() {
      return code;
    }

    /** Returns the message, which names the field path, the rule and the fix. */
    public String message() {
      return message;
    }
  }

  /** Checks a {@code flow_id}; returns the first rule broken, or null. */
  public static Broken flowId(String id, String path) {
    return id(id, path, FLOW_ID_CHARS, true);
  }

  /** Checks a {@code flow_execution_id}; returns the first rule broken, or null. */
  public static Broken executionId(String id, String path) {
    return id(id, path, EXECUTION_ID_CHARS, false);
  }

  /** Returns the rule a blank {@code value} breaks, with {@code fix} as the remedy, or null. */
  public static Broken blank(String value, String path, String fix) {
    return value.isBlank() ? new Broken("blank", path + " is blank: set it to " + fix) : null;
  }

  /** Returns the rule a {@code value} of more than {@code max} code points breaks, or null. */
  public static Broken tooLong(String value, String path, int max) {
    int length = value.codePointCount(0, value.length());
    return length <= max
        ? null
        : new Broken(
            "too_long",
            String.format(Locale.ROOT, "%s has %d characters: use at most %d", path, length, max));
  }

  private static Broken id(String id, String path, String allowed, boolean dots) {
    Broken broken = blank(id, path, "1 to 128 characters of " + allowed);
    if (broken == null) {
      broken = tooLong(id, path, MAX_ID_LENGTH);
    }
    if (broken != null) {
      return broken;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || (dots && (c == '.' || c == ':'));
      if (!ok) {
        return new Broken(
            "invalid_format",
            String.format(
                Locale.ROOT,
                "%s has '%s' at index %d: use only %s",
                path,
                printable(c),
                i,
                allowed));
      }
    }
    return null;
  }

  /** Returns {@code c} for a message: control characters, whitespace and surrogates escaped. */
  public static String printable(char c) {
    return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c)
        ? String.format(Locale.ROOT, "\\u%04x", (int) c)
        : String.valueOf(c);
  }
}
