package dev.cortado.bench.jmh;

import com.dylibso.chicory.wasm.Parser;
import dev.cortado.wasm.WasmModule;
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
 * Decoding plus validation of a large real module (speedtest1.wasm): Cortado's {@code
 * WasmModule.parse} against Chicory's {@code Parser.parse}, which also validates. JmhRun turns the
 * time into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseBenchmark {
  @Param({"cortado", "chicory"})
  public String parser;

  private byte[] bytes;

  @Setup
  public void load() {
    bytes = BenchFiles.read(BenchFiles.parseModule());
  }

  @Benchmark
  public Object parseAndValidate() {
    return parser.equals("cortado") ? WasmModule.parse(bytes) : Parser.parse(bytes);
  }
}
