package dev.flowexec.sdk.testing;

import static dev.flowexec.sdk.testing.RawHttp.validLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.flowexec.sdk.testing.internal.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What real middleboxes do, acted out by the emulator, seen through a raw keep-alive socket: a
 * connection closed while idle, a {@code 503} with a chosen {@code Retry-After}; and the emulator's
 * own hygiene: connections that clients abandon or that faults drop are released as they go, not
 * kept until {@code close()}.
 */
class MiddleboxFaultsTest {
  private FlowExecutionsEmulator emulator;
  private String token;

  @BeforeEach
  void start() {
    emulator =
        FlowExecutionsEmulator.builder()
            .client("webhooks", "s3cret", "flow:execute")
            .flow(Flow.withId("abc-123").publishedVersion("1", "Start"))
            .start();
    token = emulator.issueToken(Set.of("flow:execute", "flow:execution:read"));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aConnectionIdleForLongerThanTheLimitIsClosedBeforeTheNextRequest() throws Exception {
    emulator.faults().next(Fault.closeWhenIdle(Duration.ofMillis(150)));
    try (Socket socket = connect()) {
      assertThat(exchange(socket, "idle-1")).startsWith("HTTP/1.1 201");
      assertThat(exchange(socket, "idle-2"))
          .as("a short pause keeps it open")
          .startsWith("HTTP/1.1 201");
      Thread.sleep(400);

      assertThat(exchange(socket, "idle-3")).as("closed without a byte of response").isEmpty();
    }
    assertThat(emulator.executionCount()).isEqualTo(2);
    assertThat(emulator.launchAttempts("idle-3")).as("nothing recorded").isZero();
    try (Socket fresh = connect()) {
      assertThat(exchange(fresh, "idle-3")).as("a new connection works").startsWith("HTTP/1.1 201");
    }
  }

  @Test
  void aChosenRetryAfterIsSentVerbatimWithA503() throws Exception {
    emulator.faults().next(Fault.unavailable("0")).next(Fault.unavailable("99999999999"));
    try (Socket socket = connect()) {
      String zero = exchange(socket, "ra-1");
      String huge = exchange(socket, "ra-1");

      assertThat(zero)
          .startsWith("HTTP/1.1 503")
          .containsIgnoringCase("Retry-After: 0\r\n")
          .contains("\"unavailable\"");
      assertThat(huge)
          .startsWith("HTTP/1.1 503")
          .containsIgnoringCase("Retry-After: 99999999999\r\n");
    }
    assertThat(emulator.executionCount()).isZero();
  }

  @Test
  void abandonedAndDroppedConnectionsAreReleasedAsTheyGo() throws Exception {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    Assumptions.assumeTrue(
        os instanceof UnixOperatingSystemMXBean, "counts file descriptors on Unix");
    UnixOperatingSystemMXBean unix = (UnixOperatingSystemMXBean) os;
    int abandoned = 150;
    int dropped = 150;
    emulator
        .faults()
        .next(abandoned, Fault.slowResponse(Duration.ofMillis(100)))
        .next(dropped, Fault.dropConnectionBeforeProcessing());
    long before = unix.getOpenFileDescriptorCount();

    for (int i = 0; i < abandoned + dropped; i++) {
      try (Socket socket = connect()) {
        send(socket, "leak-" + i); // and hang up at once: the client gave up
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (emulator.requestCount() < abandoned + dropped && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long after = unix.getOpenFileDescriptorCount();
    while (after >= before + 40 && System.nanoTime() < deadline) { // the bound the assertion checks
      Thread.sleep(50);
      after = unix.getOpenFileDescriptorCount();
    }

    assertThat(emulator.requestCount()).isEqualTo(abandoned + dropped);
    assertThat(after - before)
        .as(
            "file descriptors still open after %d abandoned and %d dropped connections",
            abandoned, dropped)
        .isLessThan(40);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
    socket.setSoTimeout(5000);
    return socket;
  }

  private void send(Socket socket, String id) throws IOException {
    byte[] body = JsonWriter.write(validLaunch(id)).getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /api/v2/flows/executions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: application/json\r\nIdempotency-Key: \""
            + id
            + "\"\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /**
   * Sends a launch and reads the response, head and body; empty when the connection closed first.
   */
  private String exchange(Socket socket, String id) throws IOException {
    try {
      send(socket, id);
    } catch (IOException closed) {
      return "";
    }
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b;
      try {
        b = in.read();
      } catch (IOException reset) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
      if (b < 0) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
    int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return text + new String(in.readNBytes(size), StandardCharsets.UTF_8);
  }
}
