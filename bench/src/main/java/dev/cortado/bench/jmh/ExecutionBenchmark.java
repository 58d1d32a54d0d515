package dev.cortado.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Running wasm code: {@code fib(30)} (1.6 million calls, branches, arithmetic) and a memory-heavy
 * loop (4 passes of loads and stores over 1 MiB), per engine and mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExecutionBenchmark {
  @Param({"cortado-interpreter", "chicory-interpreter", "chicory-compiler"})
  public String engine;

  private Guest guest;

  @Setup
  public void instantiate() {
    guest = Guest.create(engine, BenchFiles.guestModule());
  }

  @Benchmark
  public int fib30() {
    return guest.fib(30);
  }

  @Benchmark
  public int memoryLoop() {
    return guest.memloop(4);
  }
}
