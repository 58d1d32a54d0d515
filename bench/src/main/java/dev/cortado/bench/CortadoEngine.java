package dev.cortado.bench;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.wasi.Wasi;
import dev.cortado.wasi.WasiConfig;
import dev.cortado.wasm.WasmModule;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Cortado through its embedding API, in one {@link CortadoMode}: the module is decoded and
 * validated once; each run links WASI into a new linker and store and instantiates, as an embedder
 * running a command module repeatedly would.
 */
final class CortadoEngine implements WasmEngine {
  private final CortadoMode mode;
  private final StoreConfig config;

  CortadoEngine(CortadoMode mode) {
    this.mode = mode;
    // The in-process harness runs from bench/ (InProcess's working directory).
    this.config = mode.storeConfig(Path.of(CortadoMode.CACHE_DIR).toAbsolutePath());
  }

  @Override
  public String describe() {
    return mode.describe() + ", embedding API (dev.cortado.wasi.Wasi)";
  }

  @Override
  public Loaded load(String name, byte[] wasm) {
    WasmModule module = WasmModule.parse(wasm);
    return (argv, stdout) -> run(module, argv, stdout);
  }

  private int run(WasmModule module, List<String> argv, OutputStream stdout) throws Exception {
    WasiConfig wasiConfig =
        WasiConfig.defaults().withArgs(argv).withStdout(stdout).withStderr(System.err);
    Linker linker = new Linker();
    try (Wasi wasi = Wasi.define(linker, wasiConfig)) {
      Instance instance = linker.instantiate(new Store(config), module);
      return wasi.start(instance);
    }
  }
}
