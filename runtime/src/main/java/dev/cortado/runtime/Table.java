package dev.cortado.runtime;

import dev.cortado.runtime.internal.TableInstance;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.TableType;

/** A table of references. */
public sealed interface Table extends Extern permits TableInstance {
  /** A new table of this type with every element set to {@code init}, for a host to export. */
  static Table of(TableType type, Value init) {
    return TableInstance.create(type, init);
  }

  TableType type();

  long size();

  /** Element {@code index}; throws a {@link Trap} if out of bounds. */
  Value get(long index);

  /** Sets element {@code index}; throws a {@link Trap} if out of bounds. */
  void set(long index, Value value);

  /** Grows by {@code delta} elements set to {@code init}; returns the old size, or -1. */
  long grow(long delta, Value init);

  @Override
  default ExternKind kind() {
    return ExternKind.TABLE;
  }
}
