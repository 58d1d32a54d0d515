package dev.cortado.runtime;

import dev.cortado.runtime.internal.HostFunctionHandle;
import dev.cortado.runtime.internal.Instantiator;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.WasmModule;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves a module's imports by module and name, and instantiates it.
 *
 * <pre>{@code
 * Linker linker = new Linker();
 * linker.define("env", "print", FuncType.of(List.of(ValType.I32), List.of()),
 *     (caller, args) -> { System.out.println(args[0].asInt()); return new Value[0]; });
 * Instance instance = linker.instantiate(new Store(), WasmModule.read(Path.of("app.wasm")));
 * }</pre>
 */
public final class Linker {
  private final Map<String, Map<String, Extern>> definitions = new HashMap<>();

  public Linker() {}

  /** Defines {@code module.name} as {@code extern}; a later definition replaces an earlier one. */
  public Linker define(String module, String name, Extern extern) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(extern, "extern");
    definitions.computeIfAbsent(module, k -> new HashMap<>()).put(name, extern);
    return this;
  }

  /** Defines {@code module.name} as a host function of type {@code type}. */
  public Linker define(String module, String name, FuncType type, HostFunction function) {
    return define(module, name, new HostFunctionHandle(type, function, module + "." + name));
  }

  /** Defines every export of {@code instance} under module name {@code module}. */
  public Linker define(String module, Instance instance) {
    for (Map.Entry<String, Extern> e : instance.exports().entrySet()) {
      define(module, e.getKey(), e.getValue());
    }
    return this;
  }

  /** What {@code module.name} is defined as, or null. */
  public Extern get(String module, String name) {
    Map<String, Extern> names = definitions.get(module);
    return names == null ? null : names.get(name);
  }

  /**
   * Instantiates a module (spec 4.5.4): validates it if that has not been done, resolves imports
   * (throwing {@link LinkException} with reason {@code "unknown import"} or {@code "incompatible
   * import type"} and location {@code module.name}), then initializes globals, tables, memories and
   * segments and runs the start function (throwing {@link InstantiationFailedException} if a
   * segment does not fit or the start function traps).
   */
  public Instance instantiate(Store store, WasmModule module) {
    return Instantiator.instantiate(store, module, this::get);
  }
}
