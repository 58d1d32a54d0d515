package dev.cortado.bench;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.spectest.Tier;
import dev.cortado.wasi.Wasi;
import dev.cortado.wasi.WasiConfig;
import dev.cortado.wasm.WasmModule;
import java.io.OutputStream;
import java.util.List;

/**
 * Cortado through its embedding API, in one mode ({@link Tier}): the module is decoded and
 * validated once; each run links WASI into a new linker and store and instantiates, as an embedder
 * running a command module repeatedly would.
 */
final class CortadoEngine implements WasmEngine {
  private final Tier tier;

  CortadoEngine(Tier tier) {
    this.tier = tier;
  }

  @Override
  public String describe() {
    return "Cortado, tier " + tier.cliName() + ", embedding API (dev.cortado.wasi.Wasi)";
  }

  @Override
  public Loaded load(String name, byte[] wasm) {
    WasmModule module = WasmModule.parse(wasm);
    return (argv, stdout) -> run(module, argv, stdout);
  }

  private int run(WasmModule module, List<String> argv, OutputStream stdout) throws Exception {
    WasiConfig config =
        WasiConfig.defaults().withArgs(argv).withStdout(stdout).withStderr(System.err);
    Linker linker = new Linker();
    try (Wasi wasi = Wasi.define(linker, config)) {
      Instance instance = linker.instantiate(new Store(tier.storeConfig()), module);
      return wasi.start(instance);
    }
  }
}
