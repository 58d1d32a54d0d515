package dev.cortado.bench.jmh;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import dev.cortado.runtime.CompiledCode;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.wasm.WasmModule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compiling a large real module (speedtest1.wasm) to loaded JVM classes, every function, as {@code
 * --tier compiled} does before {@code _start}: Cortado's compiler ({@code CompiledCode.compile}, on
 * all cores) against Chicory's ({@code MachineFactoryCompiler.compile}). Each operation compiles a
 * freshly decoded module (decoded before the operation, not measured), since compiled code is kept
 * with its module. This is the warm figure (the JIT has compiled the compilers); a fresh JVM is
 * slower, which the whole-process figures of bench/run include. JmhRun turns the time into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
  @Param({"cortado-compiled", "chicory-compiler"})
  public String compiler;

  private byte[] bytes;
  private WasmModule cortadoModule;
  private com.dylibso.chicory.wasm.WasmModule chicoryModule;

  @Setup
  public void load() {
    bytes = BenchFiles.read(BenchFiles.parseModule());
  }

  @Setup(Level.Invocation)
  public void decode() {
    if (compiler.equals("cortado-compiled")) {
      cortadoModule = WasmModule.parse(bytes).validate();
    } else {
      chicoryModule = Parser.parse(bytes);
    }
  }

  @Benchmark
  public Object compileEveryFunction() {
    if (cortadoModule != null) {
      return CompiledCode.compile(cortadoModule, StoreConfig.defaults().withTier(Tier.COMPILED));
    }
    return MachineFactoryCompiler.compile(chicoryModule);
  }
}
