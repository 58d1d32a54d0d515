package dev.cortado.runtime;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.WasmModule;

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
  public Linker() {}

  /** Defines {@code module.name} as {@code extern}; a later definition replaces an earlier one. */
  public Linker define(String module, String name, Extern extern) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Defines {@code module.name} as a host function of type {@code type}. */
  public Linker define(String module, String name, FuncType type, HostFunction function) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Defines every export of {@code instance} under module name {@code module}. */
  public Linker define(String module, Instance instance) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Instantiates a validated module (spec 4.5.4): resolves imports (throwing {@link
   * LinkException}), then initializes tables, memories, globals and segments and runs the start
   * function (throwing {@link InstantiationFailedException} if that traps).
   */
  public Instance instantiate(Store store, WasmModule module) {
    throw new UnsupportedOperationException("TODO");
  }
}
