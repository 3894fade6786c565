package dev.flowexec.sdk;

import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import dev.flowexec.sdk.transport.ResponseHeaders;
import dev.flowexec.sdk.transport.TransportResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A transport that answers each attempt from a script and records what it was sent. Answers are
 * {@code 201} with an {@code X-Request-Id} of {@code req_<n>}, unless scripted otherwise.
 */
final class ScriptedTransport implements FlowTransport {
  final List<LaunchRequest> launches = new CopyOnWriteArrayList<>();
  final List<String> gets = new CopyOnWriteArrayList<>();
  final List<CallOptions> options = new CopyOnWriteArrayList<>();
  private final Deque<Function<String, TransportResponse>> script = new ArrayDeque<>();
  private int answered;
  volatile boolean closed;

  /** Queues an answer: a function of the execution id that returns or throws. */
  synchronized ScriptedTransport then(Function<String, FlowExecution> answer) {
    return thenRespond(
        id ->
            TransportResponse.of(
                answer.apply(id), 201, ResponseHeaders.of("X-Request-Id", nextRequestId())));
  }

  private synchronized String nextRequestId() {
    answered++;
    return "req_" + answered;
  }

  /** Queues an answer with its own status and headers. */
  synchronized ScriptedTransport thenRespond(Function<String, TransportResponse> answer) {
    script.add(answer);
    return this;
  }

  synchronized ScriptedTransport thenFail(RuntimeException failure) {
    return then(
        id -> {
          throw failure;
        });
  }

  synchronized ScriptedTransport thenSucceed() {
    return then(id -> TestValues.execution(id, dev.flowexec.sdk.model.ExecutionStatus.QUEUED));
  }

  @Override
  public TransportResponse launch(LaunchRequest request, CallOptions callOptions) {
    launches.add(request);
    options.add(callOptions);
    return next().apply(request.flowExecutionId());
  }

  @Override
  public TransportResponse get(String flowExecutionId, CallOptions callOptions) {
    gets.add(flowExecutionId);
    options.add(callOptions);
    return next().apply(flowExecutionId);
  }

  private synchronized Function<String, TransportResponse> next() {
    Function<String, TransportResponse> answer = script.poll();
    if (answer == null) {
      throw new AssertionError("the transport was called more often than the test scripted");
    }
    return answer;
  }

  @Override
  public void close() {
    closed = true;
  }
}
