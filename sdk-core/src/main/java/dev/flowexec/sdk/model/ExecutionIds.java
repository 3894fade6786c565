package dev.flowexec.sdk.model;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes the default {@code flow_execution_id}: a random (version 4) UUID, as {@link
 * UUID#randomUUID()} does, but from a generator per thread. {@code randomUUID} draws from one
 * shared generator whose {@code nextBytes} is synchronized, and under concurrent launches threads
 * queued on it. Each thread's DRBG is seeded by the JDK from the system's entropy, so ids stay
 * unpredictable and unique.
 */
final class ExecutionIds {
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(ExecutionIds::drbg);

  private ExecutionIds() {}

  /** Returns a new random UUID in its canonical text form. */
  public static String randomUuid() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xff);
      low = (low << 8) | (bytes[i + 8] & 0xff);
    }
    return new UUID(high, low).toString();
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException notAvailable) {
      return new SecureRandom(); // every JDK 9+ has DRBG; this keeps odd providers working
    }
  }
}
