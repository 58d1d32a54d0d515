package dev.cortado.wasm.internal.validation;

import dev.cortado.wasm.WasmModule;

/**
 * Validates a module (spec 3) with the single-pass algorithm of the spec's appendix A.3, in time
 * linear in the module's size.
 */
public final class Validator {
  private Validator() {}

  /**
   * Throws {@link dev.cortado.wasm.InvalidModuleException} if {@code module} is invalid, with the
   * reference interpreter's message and a location: {@code "func 3, offset 0x2a"} for code, or the
   * section entry (e.g. {@code "global 2"}, {@code "export \"f\""}) otherwise. A memory marked
   * shared or 64-bit gives {@link dev.cortado.wasm.UnsupportedFeatureException}.
   */
  public static void validate(WasmModule module) {
    new ModuleValidator(module).validate();
  }
}
