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
    validate(module, PARALLEL_INSTRUCTIONS);
  }

  /**
   * Functions validate independently, so a module with at least this many instructions (about 4 MB
   * of code) has them validated on all cores. Below, a fresh JVM's second thread warming up costs
   * more than it gains: speedtest1 (1 MB, 436,000 instructions) took 34-52 ms in parallel against
   * 32 ms in order; nine times as much 117-132 ms (one draw 230) against 166-171, forty times as
   * much 0.39-0.54 s against 0.66-0.78 s.
   */
  static final long PARALLEL_INSTRUCTIONS = 2_000_000;

  /** {@link #validate(WasmModule)}, on all cores from {@code parallelInstructions} on. */
  static void validate(WasmModule module, long parallelInstructions) {
    new ModuleValidator(module, parallelInstructions).validate();
  }
}
