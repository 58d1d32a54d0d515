package dev.cortado.runtime.internal;

import dev.cortado.runtime.Global;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.GlobalType;

/** A global. */
public abstract non-sealed class GlobalInstance implements Global {
  public static GlobalInstance create(GlobalType type, Value value) {
    throw new UnsupportedOperationException("TODO");
  }
}
