package dev.cortado.runtime;

import dev.cortado.runtime.internal.compiler.Aot;
import dev.cortado.wasm.WasmModule;
import java.nio.file.Path;

/**
 * Compiled code outside a running store: compiling a module ahead of time into a {@code .cwasm}
 * file, loading one, and how much of a module runs compiled.
 *
 * <pre>{@code
 * StoreConfig config = StoreConfig.defaults().withTier(Tier.COMPILED);
 * CompiledCode.writeCwasm(WasmModule.read(Path.of("app.wasm")), config, Path.of("app.cwasm"));
 * // later, in another process:
 * WasmModule module = CompiledCode.readCwasm(Path.of("app.cwasm"), config);
 * Instance instance = new Linker().instantiate(new Store(config), module); // no compiling
 * }</pre>
 *
 * <p>Compiled code belongs to a module and the compiler settings ({@link
 * StoreConfig#compiledMethodLimit()}), and is shared by every store that uses those.
 */
public final class CompiledCode {
  private CompiledCode() {}

  /** Compiles every function of {@code module} now, as {@link Tier#COMPILED} does. */
  public static CompiledCodeStatistics compile(WasmModule module, StoreConfig config) {
    return Aot.compile(module.validate(), config);
  }

  /** How much of {@code module} is compiled so far under {@code config}'s settings. */
  public static CompiledCodeStatistics statistics(WasmModule module, StoreConfig config) {
    return Aot.statistics(module, config);
  }

  /**
   * Compiles {@code module} and writes it to {@code file} as a {@code .cwasm}: a zip of the module,
   * its generated classes and what is needed to check them (module hash, runtime version, settings,
   * checksum); returns how much was compiled. Throws {@link java.io.UncheckedIOException} if the
   * file cannot be written.
   */
  public static CompiledCodeStatistics writeCwasm(
      WasmModule module, StoreConfig config, Path file) {
    return Aot.writeCwasm(module.validate(), config, file);
  }

  /**
   * Reads a {@code .cwasm} file: returns its module, whose instances in a compiling store use the
   * file's code without compiling. Throws {@link CwasmException} if the file is corrupt or was made
   * by another runtime version or with other settings than {@code config}'s.
   */
  public static WasmModule readCwasm(Path file, StoreConfig config) {
    return Aot.readCwasm(file, config);
  }

  /** Whether {@code bytes} look like a {@code .cwasm} file (a zip) rather than a module. */
  public static boolean isCwasm(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 'P'
        && bytes[1] == 'K'
        && bytes[2] == 3
        && bytes[3] == 4;
  }

  /**
   * Where the code cache lives unless told otherwise: {@code $CORTADO_CACHE_DIR}, else {@code
   * $XDG_CACHE_HOME/cortado}, else {@code ~/.cache/cortado}.
   */
  public static Path defaultCacheDirectory() {
    return Aot.defaultCacheDirectory(System.getenv(), System.getProperty("user.home"));
  }
}
