package dev.flowexec.sdk.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads a webhook request's body as the raw bytes a signature covers, and never more than a bound,
 * so a huge or endless body cannot exhaust memory.
 */
public final class RawBody {
  private RawBody() {}

  /**
   * Reads a body of at most {@code maxBytes} bytes: {@code maxBytes + 1} bytes at most are read
   * from the stream, whatever it holds.
   *
   * @param in the request body stream; not closed
   * @param maxBytes the largest body accepted, such as {@link WebhookVerifier#maxBodyBytes()}
   * @return the body
   * @throws WebhookVerificationException {@code BODY_TOO_LARGE} when the body is larger
   * @throws IOException when the stream fails
   */
  public static byte[] read(InputStream in, int maxBytes) throws IOException {
    Objects.requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    byte[] body = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
    if (body.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return body;
  }

  static WebhookVerificationException tooLarge(int maxBytes) {
    return new WebhookVerificationException(
        WebhookVerificationException.Reason.BODY_TOO_LARGE,
        "the body is larger than " + maxBytes + " bytes");
  }

  static void check(byte[] body, int maxBytes) {
    Objects.requireNonNull(body, "body");
    if (body.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
  }
}
