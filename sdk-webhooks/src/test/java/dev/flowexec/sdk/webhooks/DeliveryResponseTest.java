package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.webhooks.WebhookVerificationException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryResponseTest {
  private static DeliveryResponse of(RuntimeException failure) {
    return DeliveryResponse.ofFailure(failure);
  }

  @Test
  void everyFailedCheckGetsTheSame401ButAReplayIsHandled() {
    for (Reason reason : Reason.values()) {
      DeliveryResponse response = of(new WebhookVerificationException(reason, "x"));
      switch (reason) {
        case REPLAYED:
          assertThat(response.status()).isEqualTo(200);
          assertThat(response.code()).isEqualTo("already_handled");
          break;
        case BODY_TOO_LARGE:
          assertThat(response.status()).isEqualTo(413);
          break;
        default:
          assertThat(response.status()).as(reason.toString()).isEqualTo(401);
          assertThat(response.code()).isEqualTo("invalid_signature");
      }
      assertThat(response.retryAfter()).isEmpty();
    }
  }

  @Test
  void successesAre2xxAndTellNewFromReplayed() {
    VerifiedDelivery delivery =
        new VerifiedDelivery(
            "msg_1", null, new byte[0], WebhookHeaders.ofSingleValues(java.util.Map.of()));
    assertThat(DeliveryResponse.of(new LaunchedDelivery(delivery, null, null, null)))
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(200);
              assertThat(r.code()).isEqualTo("ignored");
            });
  }

  @Test
  void theServiceBeingUnavailableAsksForARedeliveryLater() {
    assertThat(of(new FlowApiException("down", 503, "unavailable", "req_1")))
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(503);
              assertThat(r.retryAfterHeader()).hasValue("5");
            });
    assertThat(of(new FlowApiException("io", 0, "transport_error", null)).status()).isEqualTo(503);
    assertThat(of(new FlowApiException("busy", 409, "request_in_progress", "req_2")).status())
        .isEqualTo(503);
    assertThat(of(new FlowApiException("limited", 429, "rate_limited", "req_3")).status())
        .isEqualTo(503);
  }

  @Test
  void refusalsThatARedeliveryWouldNotFixAre4xx() {
    assertThat(of(new FlowApiException("reused", 422, "idempotency_key_reused", "r")).status())
        .isEqualTo(409);
    assertThat(of(new FlowApiException("no flow", 404, "flow_not_found", "r")).status())
        .isEqualTo(422);
    assertThat(
            of(new RequestValidationException(
                    List.of(FieldError.of("user_id", "required", "user_id is required"))))
                .status())
        .isEqualTo(422);
    assertThat(of(new IllegalStateException("a bug")).status()).isEqualTo(500);
  }
}
