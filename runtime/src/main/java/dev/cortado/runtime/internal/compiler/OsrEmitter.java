package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-stack-replacement entry of a function ({@code osr<index>}): the function's code, entered
 * at the header of the loop the interpreter is running, with the locals and the operand stack
 * loaded from the interpreter's frame. Its parameters are {@code (long[] stack, Object[] refs, int
 * fp, int loop, [MultiValue], int fuel, CompiledInstance)}: the interpreter's value stack, where
 * the frame starts (locals first, then the operands) and the loop's ordinal. At a loop header the
 * operand stack is all in locals (see {@link OperandStack}), which is what makes the entry simple.
 */
final class OsrEmitter {
  private static final ClassDesc CD_Float = ClassDesc.of("java.lang.Float");
  private static final ClassDesc CD_Double = ClassDesc.of("java.lang.Double");
  private static final ClassDesc CD_IllegalState = ClassDesc.of("java.lang.IllegalStateException");

  private OsrEmitter() {}

  static MethodTypeDesc descriptor(FuncType type) {
    List<ClassDesc> params = new ArrayList<>();
    params.add(CD_long.arrayType());
    params.add(CD_Object.arrayType());
    params.add(CD_int);
    params.add(CD_int);
    if (JvmTypes.hasMultiValue(type)) {
      params.add(JvmTypes.CD_MultiValue);
    }
    params.add(CD_int);
    params.add(JvmTypes.CD_CompiledInstance);
    return MethodTypeDesc.of(JvmTypes.functionDesc(type).returnType(), params);
  }

  /**
   * Loads every wasm local from the interpreter's frame, where the locals lie in order from slot
   * {@code fp}, a v128 taking two slots (docs/interpreter.md).
   */
  static void loadLocals(FunctionCompiler fc) {
    List<ValType> locals = fc.localTypes();
    int offset = 0;
    for (int i = 0; i < locals.size(); i++) {
      load(fc.cb(), offset, locals.get(i));
      LocalEmitter.store(fc, i);
      offset += locals.get(i) == ValType.V128 ? 2 : 1;
    }
  }

  /** The interpreter slots the locals take. */
  private static int localSlots(List<ValType> locals) {
    return JvmTypes.flat(locals).size();
  }

  /**
   * Pushes the value of type {@code t} in interpreter slot {@code fp + offset}: the OSR method's
   * parameters are the interpreter's stack arrays (slots 0 and 1) and {@code fp} (slot 2).
   */
  private static void load(CodeBuilder cb, int offset, ValType t) {
    if (t == ValType.V128) {
      load(cb, offset, ValType.I64);
      load(cb, offset + 1, ValType.I64);
      JvmTypes.fromFlat(cb, t);
      return;
    }
    SignatureBridge.loadRaw(cb, t, 0, 1, 2, offset);
  }

  /** Jumps to the header of the loop the interpreter was in, with its operand stack loaded. */
  static void dispatch(
      FunctionCompiler fc, Label dispatch, List<ControlEmitter.LoopHeader> headers) {
    CodeBuilder cb = fc.cb();
    cb.labelBinding(dispatch);
    Label bad = cb.newLabel();
    List<SwitchCase> cases = new ArrayList<>();
    List<Label> stubs = new ArrayList<>();
    for (ControlEmitter.LoopHeader h : headers) {
      Label stub = cb.newLabel();
      stubs.add(stub);
      cases.add(SwitchCase.of(h.ordinal(), stub));
    }
    cb.iload(3);
    if (cases.isEmpty()) {
      cb.pop();
      cb.goto_(bad);
    } else {
      cb.lookupswitch(bad, cases);
    }
    int numLocals = localSlots(fc.localTypes());
    for (int k = 0; k < headers.size(); k++) {
      ControlEmitter.LoopHeader h = headers.get(k);
      cb.labelBinding(stubs.get(k));
      OperandStack.Snapshot s = h.stack();
      int offset = numLocals;
      for (int d = 0; d < s.types().length; d++) {
        load(cb, offset, s.types()[d]);
        JvmTypes.store(cb, s.types()[d], s.where()[d]);
        offset += s.types()[d] == ValType.V128 ? 2 : 1;
      }
      cb.goto_(h.label());
    }
    // The interpreter only asks for loops the entry has (CompiledModule.canEnter).
    cb.labelBinding(bad);
    cb.new_(CD_IllegalState);
    cb.dup();
    cb.invokespecial(CD_IllegalState, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
    cb.athrow();
  }
}
