package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.WasmModule;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

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

  /**
   * The entry of {@code pool} that {@code make} makes, made once per class for {@code key}
   * (compared by identity): the pool hashes every string of an entry each time it is asked for one,
   * a cost that showed in compile profiles for the helper calls of loads and stores.
   */
  <E extends PoolEntry> E pooled(
      ConstantPoolBuilder pool,
      Object key,
      java.util.function.Function<ConstantPoolBuilder, E> make);

  /**
   * Emits the call of wasm function {@code function} of JVM type {@code desc} whose {@link
   * #callKind} is not {@code HANDLE}: {@code invokestatic} of its method in this class, or an
   * {@code invokedynamic} linked to its call site ({@link CallLinker}). The pool entry is made once
   * per class and function.
   */
  void invokeFunction(CodeBuilder cb, int function, MethodTypeDesc desc);

  /** Whether the code charges fuel (docs/limits.md, {@code FuelCosts}). */
  boolean metered();

  ClassDesc owner();

  CallKind callKind(int function);

  /**
   * The name of this class's helper that calls a {@code FunctionHandle} of type {@code type}
   * through its invoker: {@code (params, FunctionHandle, [MultiValue], int, CompiledInstance)}.
   */
  String handleCaller(FuncType type);

  /**
   * The name of this class's method that {@code call_indirect} of type {@code type} calls, with
   * {@link #handleCaller}'s type: a dispatcher that calls the module's own functions directly
   * ({@link IndirectDispatch}), or the helper itself where there are none to call.
   */
  String indirectCaller(FuncType type);

  /**
   * Adds {@code table} to the class data; returns its index there, for {@code
   * MethodHandles.classDataAt} (index 0 is the module's {@link CompiledModule}).
   */
  int constantTable(int[] table);
}
