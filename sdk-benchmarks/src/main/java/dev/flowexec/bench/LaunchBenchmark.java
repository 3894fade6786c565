package dev.flowexec.bench;

import com.mypurecloud.sdk.v2.model.FlowExecutionLaunchResponse;
import dev.flowexec.sdk.model.FlowExecution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One launch ({@code POST /api/v2/flows/executions}, {@code 201}) per operation, per contender,
 * against the same loopback server. Each contender has its own state so a fork only builds the
 * client it measures; the client is shared by all benchmark threads, as applications share one.
 *
 * <p>Mode, threads, iterations and forks come from the command line (see run.sh), identical for all
 * contenders.
 */
public class LaunchBenchmark {

  /** Raw OkHttp. */
  @State(Scope.Benchmark)
  public static class Raw {
    RawContender contender;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      contender = new RawContender(Bench.baseUrl());
      contender.launch(); // fail fast if the server is not there
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      contender.close();
    }
  }

  /** This SDK: FlowExecutionsClient over RetrofitTransport. */
  @State(Scope.Benchmark)
  public static class Flowexec {
    FlowexecContender contender;

    @Setup(Level.Trial)
    public void setUp() {
      contender = new FlowexecContender(Bench.baseUrl());
      contender.launch();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      contender.close();
    }
  }

  /** Genesys Cloud's SDK. */
  @State(Scope.Benchmark)
  public static class Peer {
    PeerContender contender;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      contender = new PeerContender(Bench.baseUrl());
      contender.launch();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      contender.close();
    }
  }

  @Benchmark
  public byte[] raw(Raw state) throws Exception {
    return state.contender.launch();
  }

  @Benchmark
  public FlowExecution flowexec(Flowexec state) {
    return state.contender.launch();
  }

  @Benchmark
  public FlowExecutionLaunchResponse peer(Peer state) throws Exception {
    return state.contender.launch();
  }
}
