package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.WasmModule;
import java.lang.constant.ClassDesc;

/** What a {@link FunctionCompiler} needs to know about the class it emits into and the module. */
interface ClassContext {
  /** How a call to a function reaches it. */
  enum CallKind {
    /** {@code invokestatic} of a method in the same class. */
    SAME_CLASS,
    /** {@code invokedynamic} linked to the function's compiled method in another class. */
    LINKED,
    /** Through the function's {@code FunctionHandle.invoker} (imports, interpreted functions). */
    HANDLE
  }

  WasmModule module();

  ClassDesc owner();

  CallKind callKind(int function);

  /**
   * The name of this class's helper that calls a {@code FunctionHandle} of type {@code type}
   * through its invoker: {@code (params, FunctionHandle, [MultiValue], int, CompiledInstance)}.
   */
  String handleCaller(FuncType type);

  /**
   * Adds {@code table} to the class data; returns its index there, for {@code
   * MethodHandles.classDataAt} (index 0 is the module's {@link CompiledModule}).
   */
  int constantTable(int[] table);
}
