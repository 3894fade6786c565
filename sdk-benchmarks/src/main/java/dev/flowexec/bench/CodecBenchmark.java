package dev.flowexec.bench;

import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.retrofit.FlowJsonCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Serialization alone, no HTTP: {@link FlowJsonCodec} writing a {@link LaunchRequest} to JSON bytes
 * and reading the server's execution body; plus building a request, which every launch also pays
 * (validation, the random UUID), to split the client's per-call cost.
 */
@State(Scope.Benchmark)
public class CodecBenchmark {
  private final LaunchRequest request = FlowexecContender.newRequest();
  private final byte[] execution = LoopbackServer.EXECUTION_JSON.clone();

  @Benchmark
  public byte[] writeLaunchRequest() {
    return FlowJsonCodec.writeLaunchRequest(request);
  }

  @Benchmark
  public FlowExecution readExecution() {
    return FlowJsonCodec.readExecution(execution);
  }

  @Benchmark
  public LaunchRequest buildLaunchRequest() {
    return FlowexecContender.newRequest();
  }
}
