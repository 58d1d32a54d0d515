package dev.cortado.runtime.internal;

import dev.cortado.runtime.ExportedFunction;
import dev.cortado.wasm.FuncType;

/**
 * A function instance (spec 4.2.6): a wasm function of some instance or a host function. It is both
 * what Java sees ({@link ExportedFunction}) and the value of a non-null {@code funcref} in tables,
 * globals and on the operand stack.
 */
public abstract sealed class FunctionHandle implements ExportedFunction
    permits WasmFunction, HostFunctionHandle {
  private final FuncType type;

  /** {@link FuncTypeIds#of} of the type, for {@code call_indirect}'s check. */
  public final int typeId;

  /**
   * Compiler tier: how compiled code calls this function (a method handle of the function's JVM
   * type, see internal/compiler/JvmTypes), made on first use; reset when the function's code
   * changes tier.
   */
  public volatile java.lang.invoke.MethodHandle invoker;

  protected FunctionHandle(FuncType type) {
    this.type = type;
    this.typeId = FuncTypeIds.of(type);
  }

  @Override
  public final FuncType type() {
    return type;
  }
}
