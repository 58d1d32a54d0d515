package dev.cortado.runtime.internal.interpreter;

import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.WasmModule;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The interpreter's translation of one module's functions, made lazily (each function on its first
 * call) and shared by every instance of the module: the code holds indices, never instance state.
 */
public final class ModuleCode {
  // Weak both ways: the module may be collected once no instance (which holds its ModuleCode,
  // which holds the module) is left.
  private static final Map<WasmModule, WeakReference<ModuleCode>> CACHE = new WeakHashMap<>();

  private final WasmModule module;
  private final CompiledFunction[] functions;
  private final Map<Integer, String> exportNames = new HashMap<>();

  private ModuleCode(WasmModule module) {
    this.module = module;
    this.functions = new CompiledFunction[module.functions().size()];
    for (Export e : module.exports()) {
      if (e.kind() == ExternKind.FUNC) {
        exportNames.putIfAbsent(e.index(), e.name());
      }
    }
  }

  /** The shared translation of {@code module}. */
  public static ModuleCode of(WasmModule module) {
    synchronized (CACHE) {
      WeakReference<ModuleCode> ref = CACHE.get(module);
      ModuleCode code = ref == null ? null : ref.get();
      if (code == null) {
        code = new ModuleCode(module);
        CACHE.put(module, new WeakReference<>(code));
      }
      return code;
    }
  }

  public WasmModule module() {
    return module;
  }

  /** The translated code of defined function {@code funcIndex} (whole index space). */
  public CompiledFunction function(int funcIndex) {
    int defined = funcIndex - module.importedFunctionCount();
    CompiledFunction f = functions[defined];
    if (f == null) {
      f = CodeCompiler.compile(this, funcIndex);
      functions[defined] = f;
    }
    return f;
  }

  /** The name section's (or text format's) name of a function, else its first export name. */
  public String functionName(int funcIndex) {
    String name = module.names().functionName(funcIndex);
    return name != null ? name : exportNames.get(funcIndex);
  }
}
