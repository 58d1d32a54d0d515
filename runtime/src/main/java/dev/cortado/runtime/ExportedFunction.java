package dev.cortado.runtime;

import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;

/**
 * A function that can be called from Java: a wasm function exported by an instance, or a host
 * function. Also the value of a non-null {@code funcref}.
 *
 * <pre>{@code
 * Value[] r = instance.function("add").call(Value.i32(1), Value.i32(2));
 * }</pre>
 */
public sealed interface ExportedFunction extends Extern permits FunctionHandle {
  FuncType type();

  /**
   * Calls the function. Arguments must match {@link #type()}'s parameters; throws {@link Trap} if
   * the guest traps, {@link IllegalArgumentException} if the arguments do not match.
   */
  Value[] call(Value... args);

  @Override
  default ExternKind kind() {
    return ExternKind.FUNC;
  }
}
