package dev.cortado.runtime.internal.compiler;

import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_FunctionHandle;
import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_TableOps;
import static java.lang.constant.ConstantDescs.CD_int;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits {@code call} and {@code call_indirect}. A call of a function in the same class is an {@code
 * invokestatic}; of a function in another generated class an {@code invokedynamic} linked to its
 * call site ({@link CallLinker}); of an import, a call of the function's invoker ({@code
 * FunctionHandle.invoker}) by the class's helper for that type; through a table, the class's
 * dispatcher for the type, which calls the module's own functions directly ({@link
 * IndirectDispatch}) and the others through the helper. After a call, the extra results come out of
 * the multi-value carrier and the memory's access segment is reloaded (the callee may have grown
 * the memory). Arguments and results are flat (see {@link JvmTypes#convert}).
 */
final class CallEmitter {
  private CallEmitter() {}

  static void call(FunctionCompiler fc, Instruction in) {
    CodeBuilder cb = fc.cb();
    ClassContext cc = fc.classContext();
    int callee = in.index();
    FuncType ft = fc.module().functionType(callee);
    fc.stack().materialize(ft.params().size());
    JvmTypes.convert(cb, ft.params(), true);
    fc.recordPosition(in);
    MethodTypeDesc desc = JvmTypes.functionDesc(ft);
    switch (cc.callKind(callee)) {
      case SAME_CLASS, LINKED -> {
        pushCallTail(fc, ft);
        cc.invokeFunction(cb, callee, desc);
      }
      case HANDLE -> {
        cb.loadConstant(callee);
        cb.aload(fc.ctxSlot());
        cb.invokestatic(
            CD_TableOps,
            "function",
            MethodTypeDesc.of(CD_FunctionHandle, CD_int, JvmTypes.CD_CompiledInstance));
        callHandle(fc, ft);
      }
    }
    afterCall(fc, ft, 0);
  }

  static void callIndirect(FunctionCompiler fc, Instruction in) {
    CodeBuilder cb = fc.cb();
    FuncType ft = fc.module().types().get(in.index());
    fc.stack().materialize(ft.params().size() + 1);
    List<ValType> operands = new ArrayList<>(ft.params());
    operands.add(ValType.I32);
    JvmTypes.convert(cb, operands, true);
    fc.recordPosition(in);
    cb.loadConstant(in.index2());
    cb.loadConstant(in.index());
    cb.aload(fc.ctxSlot());
    cb.invokestatic(
        CD_TableOps,
        "indirect",
        MethodTypeDesc.of(CD_FunctionHandle, CD_int, CD_int, CD_int, JvmTypes.CD_CompiledInstance));
    pushCallTail(fc, ft);
    ClassContext cc = fc.classContext();
    cb.invokestatic(cc.owner(), cc.indirectCaller(ft), ClassEmitter.handleCallerDesc(ft));
    afterCall(fc, ft, 1);
  }

  /** Calls the {@code FunctionHandle} on top of the JVM stack, its arguments below it. */
  private static void callHandle(FunctionCompiler fc, FuncType ft) {
    pushCallTail(fc, ft);
    ClassContext cc = fc.classContext();
    fc.cb().invokestatic(cc.owner(), cc.handleCaller(ft), ClassEmitter.handleCallerDesc(ft));
  }

  /** The arguments after the wasm ones: the carrier (for several results), fuel, instance. */
  private static void pushCallTail(FunctionCompiler fc, FuncType ft) {
    CodeBuilder cb = fc.cb();
    if (JvmTypes.hasMultiValue(ft)) {
      cb.aload(fc.multiValueSlot());
    }
    cb.iload(fc.fuelSlot());
    cb.aload(fc.ctxSlot());
  }

  /** Updates the stack after a call: pops the arguments (and {@code extra} operands). */
  private static void afterCall(FunctionCompiler fc, FuncType ft, int extra) {
    CodeBuilder cb = fc.cb();
    fc.refreshMemory();
    fc.stack().pop(ft.params().size() + extra);
    // The first result is returned, the others (a v128 as two i64s) come from the carrier.
    List<ValType> results = JvmTypes.flat(ft.results());
    for (int i = 1; i < results.size(); i++) {
      ValType t = results.get(i);
      cb.aload(fc.multiValueSlot());
      cb.loadConstant(i - 1);
      cb.invokestatic(
          JvmTypes.CD_MultiValue,
          "get" + FunctionCompiler.suffix(t),
          MethodTypeDesc.of(JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
    }
    JvmTypes.convert(cb, ft.results(), false);
    for (ValType t : ft.results()) {
      fc.stack().push(t);
    }
  }
}
