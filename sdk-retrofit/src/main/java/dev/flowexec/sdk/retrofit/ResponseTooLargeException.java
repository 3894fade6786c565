package dev.flowexec.sdk.retrofit;

import java.io.IOException;

/**
 * A successful response's body was longer than the transport reads. Thrown while reading it, and
 * turned into a {@link dev.flowexec.sdk.errors.FlowApiException} with the code {@link
 * dev.flowexec.sdk.retrofit.FlowJsonCodec#RESPONSE_TOO_LARGE}. Not public API.
 */
final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * Creates the exception.
   *
   * @param what what the body did, such as "declares 50000000 bytes"
   * @param limit the limit, in bytes
   */
  public ResponseTooLargeException(String what, long limit) {
    super("the response body " + what + ", more than the " + limit + " bytes this transport reads");
    this.limit = limit;
  }

  /**
   * Returns the limit.
   *
   * @return bytes
   */
  public long limit() {
    return limit;
  }
}
