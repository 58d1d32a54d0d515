package dev.cortado.runtime.internal;

import dev.cortado.runtime.Memory;
import dev.cortado.wasm.MemType;

/** A linear memory. */
public abstract non-sealed class MemoryInstance implements Memory {
  public static MemoryInstance create(MemType type) {
    throw new UnsupportedOperationException("TODO");
  }
}
