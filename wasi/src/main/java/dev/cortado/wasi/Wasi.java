package dev.cortado.wasi;

import dev.cortado.runtime.ExitException;
import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.wasi.internal.WasiContext;
import dev.cortado.wasi.internal.WasiFunction;
import java.io.IOException;
import java.util.List;

/**
 * WASI preview 1 for one guest: defines the 46 functions of {@value #MODULE} in a {@link Linker},
 * bound to what a {@link WasiConfig} grants, and owns the guest's open descriptors until {@link
 * #close()}.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.defaults()
 *     .withArgs("wc", "words.txt")
 *     .withPreopen(Path.of("data"), ".")
 *     .withInheritedStdio();
 * Linker linker = new Linker();
 * try (Wasi wasi = Wasi.define(linker, config)) {
 *   Instance instance = linker.instantiate(new Store(), WasmModule.read(Path.of("wc.wasm")));
 *   int exitCode = wasi.start(instance); // runs _start; proc_exit's code, or 0
 * }
 * }</pre>
 *
 * <p>The guest reaches the host only through those functions, and they reach only what the config
 * lists: see SECURITY.md for the guarantees and docs/wasi.md for each function's behaviour. One
 * {@code Wasi} serves one guest (its descriptor table is that guest's), used by one thread at a
 * time like the store it runs in.
 */
public final class Wasi implements AutoCloseable {
  /** The import module name of WASI preview 1. */
  public static final String MODULE = "wasi_snapshot_preview1";

  private final WasiContext context;

  private Wasi(WasiContext context) {
    this.context = context;
  }

  /**
   * Opens what {@code config} grants (preopened directories must exist) and defines every {@value
   * #MODULE} function in {@code linker}.
   *
   * @throws IOException if a preopened directory cannot be opened
   */
  public static Wasi define(Linker linker, WasiConfig config) throws IOException {
    WasiContext context = WasiContext.create(config);
    for (WasiFunction f : context.functions()) {
      linker.define(MODULE, f.name(), f.type(), f.hostFunction(context::trace));
    }
    return new Wasi(context);
  }

  /** The names of the functions {@link #define} defines, in witx order by family. */
  public List<String> functionNames() {
    return context.functions().stream().map(WasiFunction::name).toList();
  }

  /**
   * Runs a WASI command: calls its {@code _start} export and returns the exit code ({@code
   * proc_exit}'s, or 0 if {@code _start} returns). A trap propagates as {@link
   * dev.cortado.runtime.Trap}.
   *
   * @throws IllegalArgumentException if the instance exports no {@code _start} function
   */
  public int start(Instance instance) {
    ExportedFunction start = instance.function("_start");
    if (start == null) {
      throw new IllegalArgumentException("not a WASI command: no _start export");
    }
    try {
      start.call();
      return 0;
    } catch (ExitException e) {
      return e.exitCode();
    }
  }

  /** Closes every descriptor the guest still holds; the config's streams stay open. */
  @Override
  public void close() throws IOException {
    context.close();
  }
}
