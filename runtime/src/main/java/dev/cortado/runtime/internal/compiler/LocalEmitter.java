package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.ValType;
import java.lang.classfile.CodeBuilder;

/**
 * {@code local.get}, {@code local.set} and {@code local.tee}: a wasm local lives in a JVM local, in
 * the frame of a split function ({@link SplitFrame}) if a chunk uses it and the method does not
 * keep the frame's locals in JVM locals ({@link FunctionCompiler#cachesFrameLocals}), and, for a
 * v128 in a method that is not split, in a vector local as well ({@link VectorLocals}).
 */
final class LocalEmitter {
  private LocalEmitter() {}

  static void get(FunctionCompiler fc, int index) {
    ValType t = fc.localTypes().get(index);
    if (t == ValType.V128 && fc.vectorLocals() != null) {
      fc.vectorLocals().get(index);
    } else {
      load(fc, index);
    }
    fc.stack().push(t);
  }

  static void set(FunctionCompiler fc, int index) {
    ValType t = fc.localTypes().get(index);
    fc.stack().materialize(1);
    if (t == ValType.V128 && fc.vectorLocals() != null) {
      fc.vectorLocals().set(index);
    } else {
      store(fc, index);
    }
    fc.stack().pop(1);
  }

  static void tee(FunctionCompiler fc, int index) {
    ValType t = fc.localTypes().get(index);
    CodeBuilder cb = fc.cb();
    fc.stack().materialize(1);
    if (t == ValType.V128 && fc.vectorLocals() != null) {
      cb.dup();
      fc.vectorLocals().set(index);
    } else if (t == ValType.V128 && JvmTypes.VECTORS) {
      cb.dup(); // the vector stays on the stack, its halves go to the local
      store(fc, index);
    } else if (t == ValType.V128) {
      store(fc, index);
      load(fc, index);
    } else {
      if (JvmTypes.kind(t).slotSize() == 2) {
        cb.dup2();
      } else {
        cb.dup();
      }
      store(fc, index);
    }
  }

  /** Whether wasm local {@code index} is read and written in the frame (not cached, see Chunk). */
  private static boolean inFrame(FunctionCompiler fc, int index) {
    return fc.frame().holds(index) && !fc.cachesFrameLocals();
  }

  /** Pushes wasm local {@code index}, from its JVM local or the function's frame. */
  static void load(FunctionCompiler fc, int index) {
    ValType t = fc.localTypes().get(index);
    if (inFrame(fc, index)) {
      fc.frame().load(fc.cb(), t, index, fc.longsSlot(), fc.refsSlot());
    } else {
      JvmTypes.load(fc.cb(), t, fc.localSlots()[index]);
    }
  }

  /** Pops the value on top of the JVM stack into wasm local {@code index}. */
  static void store(FunctionCompiler fc, int index) {
    ValType t = fc.localTypes().get(index);
    if (inFrame(fc, index)) {
      fc.frame().store(fc.cb(), t, index, fc.longsSlot(), fc.refsSlot());
    } else {
      JvmTypes.store(fc.cb(), t, fc.localSlots()[index]);
    }
  }
}
