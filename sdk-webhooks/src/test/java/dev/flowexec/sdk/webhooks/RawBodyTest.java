package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RawBodyTest {
  @Test
  void readsABodyUpToTheBound() throws Exception {
    assertThat(RawBody.read(new ByteArrayInputStream(new byte[10]), 10)).hasSize(10);
    assertThat(RawBody.read(new ByteArrayInputStream(new byte[0]), 10)).isEmpty();
  }

  @Test
  void stopsReadingAnEndlessBodyOneByteAfterTheBound() {
    long[] read = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            read[0]++;
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            read[0] += len;
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
          }
        };
    assertThatThrownBy(() -> RawBody.read(endless, 1 << 20))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(WebhookVerificationException.Reason.BODY_TOO_LARGE));
    assertThat(read[0]).isEqualTo((1 << 20) + 1);
  }
}
