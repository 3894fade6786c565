package dev.flowexec.sdk.webhooks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over the signed content, and the constant-time match of candidates against it. */
final class Hmac {
  private static final String ALGORITHM = "HmacSHA256";

  private Hmac() {}

  /** Returns HMAC-SHA256 of the parts, in order, under the key. */
  static byte[] sha256(byte[] key, byte[]... parts) {
    try {
      Mac mac =
          Mac.getInstance(
              ALGORITHM); // a Mac is not thread-safe; making one costs about a microsecond
      mac.init(new SecretKeySpec(key, ALGORITHM));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "HmacSHA256 is not available in this JVM", e); // every JVM has it
    }
  }

  /**
   * Whether any candidate equals the MAC of the content under any key. Each comparison is {@link
   * MessageDigest#isEqual}, whose time does not depend on where the bytes differ.
   */
  static boolean anyMatches(List<byte[]> keys, List<byte[]> candidates, byte[]... content) {
    boolean matched = false;
    for (byte[] key : keys) {
      byte[] expected = sha256(key, content);
      for (byte[] candidate : candidates) {
        matched |= MessageDigest.isEqual(expected, candidate);
      }
    }
    return matched;
  }
}
