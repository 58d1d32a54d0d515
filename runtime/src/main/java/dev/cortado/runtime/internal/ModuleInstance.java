package dev.cortado.runtime.internal;

import dev.cortado.runtime.Caller;
import dev.cortado.runtime.Extern;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.internal.interpreter.ModuleCode;
import dev.cortado.wasm.WasmModule;
import java.util.Map;

/**
 * A module instance (spec 4.2.5): the module's index spaces resolved to function, table, memory and
 * global instances (imports first), plus its element and data segments. The arrays are filled by
 * {@link Instantiator} and read directly by the interpreter.
 */
public final class ModuleInstance implements Instance {
  private final WasmModule module;
  private final Store store;
  private final ModuleCode code;

  /** What a host function called from this instance's code sees as its caller. */
  public final Caller caller;

  public FunctionHandle[] functions;
  public TableInstance[] tables;
  public MemoryInstance[] memories;

  /** {@code memories[0]}, or null: the only memory a WebAssembly 2.0 instruction can address. */
  public MemoryInstance memory0;

  public GlobalInstance[] globals;

  /** Element segments' references; a dropped segment is an empty array (spec 4.4.6.9). */
  public Object[][] elements;

  /** Data segments' bytes (shared with the module, never written); dropped ones are empty. */
  public byte[][] datas;

  private Map<String, Extern> exports = Map.of();

  /** Compiler tier: this instance's state for compiled code, made when first needed. */
  public volatile dev.cortado.runtime.internal.compiler.CompiledInstance compiled;

  ModuleInstance(WasmModule module, Store store) {
    this.module = module;
    this.store = store;
    this.code = ModuleCode.of(module);
    this.caller = HostFunctionHandle.callerOf(this);
  }

  @Override
  public WasmModule module() {
    return module;
  }

  public Store store() {
    return store;
  }

  /** The interpreter's translation of the module's code. */
  public ModuleCode code() {
    return code;
  }

  @Override
  public Map<String, Extern> exports() {
    return exports;
  }

  void setExports(Map<String, Extern> exports) {
    this.exports = exports;
  }

  /** The name of function {@code index} for messages (name section, text id, or export name). */
  public String functionName(int index) {
    return code.functionName(index);
  }

  @Override
  public String toString() {
    String name = module.names().moduleName();
    return "instance" + (name == null ? "" : " " + name) + " " + exports.keySet();
  }
}
