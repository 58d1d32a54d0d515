package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.CompiledCodeStatistics;
import dev.cortado.runtime.CwasmException;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.wasm.WasmException;
import dev.cortado.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What {@code dev.cortado.runtime.CompiledCode} does: ahead-of-time files and statistics. */
public final class Aot {
  private Aot() {}

  public static CompiledCodeStatistics compile(WasmModule module, StoreConfig config) {
    CompiledModule code = CompiledModule.of(module, config);
    code.compileAll();
    return statistics(module, config);
  }

  public static CompiledCodeStatistics statistics(WasmModule module, StoreConfig config) {
    return statistics(CompiledModule.of(module, config).statistics());
  }

  private static CompiledCodeStatistics statistics(CompiledModule.Statistics s) {
    return new CompiledCodeStatistics(
        s.functions,
        s.compiledFunctions,
        s.methods,
        s.methodsOverLimit,
        s.largestMethod,
        s.splitFunctions,
        s.classes,
        s.failedFunctions,
        s.precompiled);
  }

  public static CompiledCodeStatistics writeCwasm(
      WasmModule module, StoreConfig config, Path file) {
    CompiledModule code =
        CompiledModule.forFile(module, config.compiledMethodLimit(), config.metered());
    code.compileAll();
    try {
      Files.write(file, CwasmFile.write(code.contents()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return statistics(code.statistics());
  }

  public static WasmModule readCwasm(Path file, StoreConfig config) {
    String where = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    CwasmFile.Contents c;
    try {
      c = CwasmFile.read(bytes);
    } catch (CwasmFile.Rejected e) {
      throw new CwasmException(e.getMessage(), where, e.getCause());
    }
    if (!CompilerVersion.VALUE.equals(c.runtimeVersion())) {
      throw new CwasmException(
          "compiled by another runtime version ("
              + c.runtimeVersion()
              + ", this is "
              + CompilerVersion.VALUE
              + "): compile it again",
          where,
          null);
    }
    String settings = CompiledModule.settings(config);
    if (!settings.equals(c.settings())) {
      String alternative =
          c.settings().contains(DirectMemoryOps.SETTING) && !DirectMemoryOps.AVAILABLE
              ? ", or run it as it was compiled, with memory accesses through Unsafe (--add-exports"
                  + " java.base/jdk.internal.misc=dev.cortado.runtime, and not"
                  + " -Dcortado.memory.direct=false)"
              : "";
      throw new CwasmException(
          "compiled with other settings ("
              + c.settings()
              + ", here "
              + settings
              + "): compile it again"
              + alternative,
          where,
          null);
    }
    if (!CwasmFile.sha256(c.module()).equals(c.moduleHash())) {
      throw new CwasmException("corrupt .cwasm file (module hash mismatch)", where, null);
    }
    WasmModule module;
    try {
      module = WasmModule.parse(c.module());
    } catch (WasmException e) {
      throw new CwasmException("corrupt .cwasm file (" + e.getMessage() + ")", where, e);
    }
    CompiledModule code = CompiledModule.of(module, config);
    try {
      code.load(c);
    } catch (RuntimeException | LinkageError e) {
      throw new CwasmException("unusable .cwasm file (" + e + ")", where, e);
    }
    return module;
  }

  public static Path defaultCacheDirectory(Map<String, String> env, String userHome) {
    return CodeCache.defaultDirectory(env, userHome);
  }
}
