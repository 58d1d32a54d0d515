package dev.cortado.runtime;

import dev.cortado.wasm.WasmModule;
import java.util.Map;

/** An instantiated module: its exports. */
public interface Instance {
  WasmModule module();

  /** All exports by name, in the module's export order. */
  Map<String, Extern> exports();

  /** The export {@code name}, or null. */
  default Extern export(String name) {
    return exports().get(name);
  }

  /** The exported function {@code name}, or null if there is no function of that name. */
  default ExportedFunction function(String name) {
    return export(name) instanceof ExportedFunction f ? f : null;
  }

  /** The exported memory {@code name}, or null. */
  default Memory memory(String name) {
    return export(name) instanceof Memory m ? m : null;
  }

  /** The exported table {@code name}, or null. */
  default Table table(String name) {
    return export(name) instanceof Table t ? t : null;
  }

  /** The exported global {@code name}, or null. */
  default Global global(String name) {
    return export(name) instanceof Global g ? g : null;
  }
}
