package dev.flowexec.sdk.webhooks;

import java.util.Base64;

/** Decoding of the signatures on the wire; null for a value that is not in the encoding. */
final class Encodings {
  private Encodings() {}

  static byte[] base64(String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  static byte[] hex(String value) {
    if (value.isEmpty() || value.length() % 2 != 0) {
      return null;
    }
    byte[] bytes = new byte[value.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = nibble(value.charAt(2 * i));
      int low = nibble(value.charAt(2 * i + 1));
      if (high < 0 || low < 0) {
        return null;
      }
      bytes[i] = (byte) ((high << 4) | low);
    }
    return bytes;
  }

  /** ASCII hex only: {@link Character#digit} would also take other scripts' digits. */
  private static int nibble(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  static String toHex(byte[] bytes) {
    StringBuilder hex = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }
}
