package dev.cortado.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Crossing the boundary: a Java call of an exported wasm function ({@code inc}: one parameter, one
 * result), and a wasm call of an imported Java function (per call, from a loop of 1000 in wasm).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallBenchmark {
  static final int HOST_CALLS = 1000;

  @Param({"cortado-interpreter", "chicory-interpreter", "chicory-compiler"})
  public String engine;

  private Guest guest;
  private int x;

  @Setup
  public void instantiate() {
    guest = Guest.create(engine, BenchFiles.guestModule());
  }

  @Benchmark
  public int hostToWasm() {
    return guest.inc(x++);
  }

  @Benchmark
  @OperationsPerInvocation(HOST_CALLS)
  public int wasmToHost() {
    return guest.callHost(HOST_CALLS);
  }
}
