package dev.cortado.runtime.internal;

import dev.cortado.runtime.Table;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.TableType;

/** A table. */
public abstract non-sealed class TableInstance implements Table {
  public static TableInstance create(TableType type, Value init) {
    throw new UnsupportedOperationException("TODO");
  }
}
