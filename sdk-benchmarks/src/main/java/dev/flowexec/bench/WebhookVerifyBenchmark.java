package dev.flowexec.bench;

import dev.flowexec.sdk.webhooks.StandardWebhooksVerifier;
import dev.flowexec.sdk.webhooks.VerifiedDelivery;
import dev.flowexec.sdk.webhooks.WebhookHeaders;
import dev.flowexec.sdk.webhooks.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying one Standard Webhooks delivery, against the floor: the single HMAC-SHA256 over {@code
 * id.timestamp.body} that any verifier computes. The difference is what header parsing, base64, the
 * timestamp check and the copy of the payload into the delivery cost.
 */
@State(Scope.Benchmark)
public class WebhookVerifyBenchmark {
  private static final Instant NOW = Instant.ofEpochSecond(1_764_583_200L);

  @Param({"1024", "65536"})
  public int bodyBytes;

  private byte[] body;
  private byte[] key;
  private byte[] prefix;
  private WebhookHeaders headers;
  private StandardWebhooksVerifier verifier;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    body = new byte[bodyBytes];
    random.nextBytes(body);
    key = new byte[32];
    random.nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    headers =
        WebhookHeaders.ofSingleValues(
            WebhookSigner.standardWebhooks(secret).sign("msg_bench", NOW, body));
    verifier =
        StandardWebhooksVerifier.builder()
            .secret(secret)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    prefix = ("msg_bench." + NOW.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public byte[] hmac() throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update(prefix);
    mac.update(body);
    return mac.doFinal();
  }

  @Benchmark
  public VerifiedDelivery verify() {
    return verifier.verify(body, headers);
  }
}
