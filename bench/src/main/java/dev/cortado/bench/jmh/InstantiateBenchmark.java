package dev.cortado.bench.jmh;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.wasm.WasmModule;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Instantiating a small, already decoded and validated module ({@link GuestModule}: a host import,
 * 17 pages of memory, a data segment, a table): linking, allocating and initialising. For Chicory's
 * compiler the module is compiled once beforehand, as for Cortado's decoded module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InstantiateBenchmark {
  @Param({"cortado-interpreter", "chicory-interpreter", "chicory-compiler"})
  public String engine;

  private WasmModule cortadoModule;
  private Tier tier;
  private com.dylibso.chicory.wasm.WasmModule chicoryModule;
  private Function<Instance, Machine> chicoryMachine;

  @Setup
  public void load() {
    byte[] bytes = BenchFiles.guestModule();
    if (engine.startsWith("cortado-")) {
      tier = Tier.valueOf(engine.substring("cortado-".length()).toUpperCase(Locale.ROOT));
      cortadoModule = WasmModule.parse(bytes);
    } else {
      chicoryModule = Parser.parse(bytes);
      chicoryMachine =
          ChicoryGuest.machineFactory(chicoryModule, engine.equals("chicory-compiler"));
    }
  }

  @Benchmark
  public Object instantiate() {
    return cortadoModule != null
        ? CortadoGuest.instantiate(StoreConfig.defaults().withTier(tier), cortadoModule)
        : ChicoryGuest.instantiate(chicoryModule, chicoryMachine);
  }
}
