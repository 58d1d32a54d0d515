package dev.cortado.runtime;

import dev.cortado.wasm.WasmException;

/**
 * Instantiation failed after linking: a segment did not fit its table or memory, or the start
 * function trapped. The {@link #trap()} is the cause; the reason is the trap's.
 */
public class InstantiationFailedException extends WasmException {
  private static final long serialVersionUID = 1L;

  public InstantiationFailedException(Trap trap) {
    super(trap.reason(), "instantiation", trap);
  }

  public Trap trap() {
    return (Trap) getCause();
  }
}
