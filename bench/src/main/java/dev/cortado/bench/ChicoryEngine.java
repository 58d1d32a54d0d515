package dev.cortado.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * Chicory (com.dylibso.chicory): its interpreter, or its compiler (wasm to JVM bytecode at run
 * time, compiled once per module in {@link #load}). Memory is {@link ByteArrayMemory}, Chicory's
 * faster memory for JDKs without the FFM API restrictions it otherwise works around.
 */
final class ChicoryEngine implements WasmEngine {
  private final boolean compiled;

  ChicoryEngine(boolean compiled) {
    this.compiled = compiled;
  }

  @Override
  public String describe() {
    return "Chicory "
        + Versions.chicory()
        + (compiled ? " compiler" : " interpreter")
        + ", ByteArrayMemory, chicory-wasi";
  }

  @Override
  public Loaded load(String name, byte[] wasm) {
    WasmModule module = Parser.parse(wasm);
    Function<Instance, Machine> machine = compiled ? MachineFactoryCompiler.compile(module) : null;
    return (argv, stdout) -> run(module, machine, argv, stdout);
  }

  private static int run(
      WasmModule module, Function<Instance, Machine> machine, List<String> argv, OutputStream out) {
    WasiOptions options =
        WasiOptions.builder().withStdout(out).withStderr(System.err).withArguments(argv).build();
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
      Instance.Builder builder =
          Instance.builder(module)
              .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
              .withMemoryFactory(ByteArrayMemory::new);
      if (machine != null) {
        builder.withMachineFactory(machine);
      }
      // build() runs _start.
      builder.build();
      return 0;
    } catch (WasiExitException e) {
      return e.exitCode();
    }
  }
}
