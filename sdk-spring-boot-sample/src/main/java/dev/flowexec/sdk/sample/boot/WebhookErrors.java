package dev.flowexec.sdk.sample.boot;

import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.errors.ServerException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.webhooks.WebhookVerificationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * Answers a webhook so its sender does the right thing: {@code 401} for a delivery that does not
 * verify, {@code 400} for an event that will never launch (nothing to retry), {@code 503} for a
 * failure that a redelivery may fix (the service was down, slow or rate limiting; redelivering is
 * safe because the execution id is stable), {@code 502} for the rest of the service's refusals (our
 * configuration: a person must look).
 */
@RestControllerAdvice
class WebhookErrors {
  private static final System.Logger LOG = System.getLogger(WebhookErrors.class.getName());

  @ExceptionHandler({RequestValidationException.class, IllegalArgumentException.class})
  ProblemDetail badEvent(IllegalArgumentException failure) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
  }

  /**
   * A delivery that fails verification is {@code 401}, saying nothing of which check failed (that
   * would help a forger); the reason goes to the log. An over-long body is {@code 413}.
   */
  @ExceptionHandler(WebhookVerificationException.class)
  ProblemDetail unverified(WebhookVerificationException failure) {
    if (failure.reason() == WebhookVerificationException.Reason.BODY_TOO_LARGE) {
      return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, failure.getMessage());
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "refused a webhook delivery: " + failure.reason() + ": " + failure.getMessage());
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.UNAUTHORIZED, "the delivery's signature did not verify");
  }

  /** A verified delivery that is not an order event: redelivering it will not help. */
  @ExceptionHandler(JacksonException.class)
  ProblemDetail notAnOrderEvent(JacksonException failure) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST, "the body is not an order event: " + failure.getOriginalMessage());
  }

  @ExceptionHandler(FlowApiException.class)
  ProblemDetail launchFailed(FlowApiException failure) {
    HttpStatus status;
    if (failure instanceof ServerException
        || failure instanceof TransportException
        || failure instanceof RateLimitedException
        || failure instanceof DeadlineExceededException) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
    } else if (failure instanceof InvalidRequestException) {
      status = HttpStatus.BAD_REQUEST;
    } else {
      status = HttpStatus.BAD_GATEWAY;
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, failure.getMessage());
    problem.setProperty("error_code", failure.errorCode());
    failure.requestId().ifPresent(id -> problem.setProperty("request_id", id));
    return problem;
  }
}
