package dev.cortado.cli;

import dev.cortado.runtime.CompiledCode;
import dev.cortado.runtime.CwasmException;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.wasm.WasmModule;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code run} executes code: the tier, and the on-disk code cache that lets the next run of a
 * module start compiled. Also loads FILE, which may be a {@code .cwasm} made by {@code compile}.
 */
final class CompilerOptions {
  @Option(
      names = "--tier",
      paramLabel = "TIER",
      converter = RuntimeTierConverter.class,
      completionCandidates = RuntimeTierConverter.class,
      description = {
        "How to execute: ${COMPLETION-CANDIDATES} (default: tiered).",
        "tiered starts in the interpreter and compiles hot code in the background;",
        "compiled compiles every function before running."
      })
  Tier tier = Tier.TIERED;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = {
        "Where compiled modules are kept between runs (default: $CORTADO_CACHE_DIR,",
        "else $XDG_CACHE_HOME/cortado, else ~/.cache/cortado)."
      })
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the code cache.")
  boolean noCache;

  CompilerOptions() {}

  /** The code cache directory, or null without one. */
  Path cacheDirectory() {
    if (noCache || tier == Tier.INTERPRETER) {
      return null;
    }
    return cacheDir != null ? cacheDir : CompiledCode.defaultCacheDirectory();
  }

  StoreConfig storeConfig() {
    return defaults().withTier(tier).withCodeCache(cacheDirectory());
  }

  /**
   * The system property that sets the compiler's method size limit ({@link
   * StoreConfig#compiledMethodLimit}): the {@code cortado} launchers set it together with the JVM
   * options that make methods of that size compile well (docs/compiler.md, "Bigger methods where
   * the JVM compiles them well").
   */
  static final String METHOD_LIMIT = "cortado.compiler.methodLimit";

  /** The store settings every command starts from: the defaults, with {@link #METHOD_LIMIT}. */
  static StoreConfig defaults() {
    StoreConfig config = StoreConfig.defaults();
    String limit = System.getProperty(METHOD_LIMIT);
    if (limit == null) {
      return config;
    }
    try {
      return config.withCompiledMethodLimit(Integer.parseInt(limit.strip()));
    } catch (IllegalArgumentException e) { // NumberFormatException included
      throw CliError.usage(
          "the system property "
              + METHOD_LIMIT
              + " must be a number of bytes from "
              + StoreConfig.MIN_COMPILED_METHOD_LIMIT
              + " to 65535: '"
              + limit
              + "'");
    }
  }

  /** Loads {@code file}: a module (binary or text), or a {@code .cwasm} with its compiled code. */
  WasmModule load(Path file) {
    byte[] bytes = ModuleFiles.read(file);
    if (!CompiledCode.isCwasm(bytes)) {
      return ModuleFiles.load(file);
    }
    try {
      return CompiledCode.readCwasm(file, storeConfig());
    } catch (CwasmException e) {
      throw CliError.error(file + ": " + e.reason());
    } catch (UncheckedIOException e) {
      throw CliError.error(e.getMessage());
    }
  }
}
