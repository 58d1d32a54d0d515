package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.WasmFunction;

/** Tier-up: counts calls and loop iterations of interpreted functions and compiles hot ones. */
final class TierUp {
  private TierUp() {}

  static void countCall(WasmFunction f, CompiledInstance ctx) {
    // Not yet: tiered mode runs in the interpreter until tier-up is implemented.
  }
}
