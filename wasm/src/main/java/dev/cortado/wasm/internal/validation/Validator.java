package dev.cortado.wasm.internal.validation;

import dev.cortado.wasm.WasmModule;

/** Validates a module (spec 3, algorithm of the spec's appendix). */
public final class Validator {
  private Validator() {}

  /** Throws {@link dev.cortado.wasm.InvalidModuleException} if {@code module} is invalid. */
  public static void validate(WasmModule module) {
    throw new UnsupportedOperationException("TODO");
  }
}
