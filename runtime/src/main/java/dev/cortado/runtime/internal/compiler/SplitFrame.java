package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.cortado.wasm.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Arrays;
import java.util.List;

/**
 * Where a split function keeps the wasm locals its chunks use (see {@link FunctionSplitter}): in a
 * frame made at each call of the function, a {@code long[]} for numeric values (raw bits; a v128
 * takes two elements, low half first) and an {@code Object[]} for references, which chunks read and
 * write in place. A chunk call passes the arrays, so it costs two arguments however many locals the
 * chunk uses. A chunk with a loop and no chunk calls, and the function's own method where the
 * copies fit, keep the locals in JVM locals and copy only what the frame must hold across their
 * ends or around their chunk calls (FunctionSplitter.Chunk's {@code storedAtExit}, {@code
 * storedBeforeCall}, {@code loadedAfterCall}).
 *
 * <p>Each call of the function has its own frame, so recursion and re-entry (a host function
 * calling back into the module) need no care; the {@code long[]} of a call that returned is reused
 * by the next ({@link SplitOps#takeLongs}). Accesses are plain array instructions rather than calls
 * of helpers: C2 stops inlining once a method and what it inlined reach {@code DesiredMethodLimit}
 * (8000 bytes of bytecode), which a big chunk with a helper call per local access would reach.
 */
final class SplitFrame {
  static final SplitFrame NONE = new SplitFrame(new int[0], 0, 0);

  private static final MethodTypeDesc INT_BITS_TO_FLOAT = MethodTypeDesc.of(CD_float, CD_int);
  private static final MethodTypeDesc FLOAT_TO_BITS = MethodTypeDesc.of(CD_int, CD_float);
  private static final MethodTypeDesc LONG_BITS_TO_DOUBLE = MethodTypeDesc.of(CD_double, CD_long);
  private static final MethodTypeDesc DOUBLE_TO_BITS = MethodTypeDesc.of(CD_long, CD_double);
  private static final ClassDesc CD_Float = ClassDesc.of("java.lang.Float");
  private static final ClassDesc CD_Double = ClassDesc.of("java.lang.Double");
  private static final ClassDesc CD_SplitOps = ClassDesc.of(SplitOps.class.getName());
  private static final MethodTypeDesc TAKE_LONGS =
      MethodTypeDesc.of(CD_long.arrayType(), JvmTypes.CD_CompiledInstance, CD_int, CD_int);

  /** For each wasm local, its index in the {@code long[]} or the {@code Object[]}, or -1. */
  private final int[] index;

  /** The length of the {@code long[]} (0: there is none). */
  final int longs;

  /** The length of the {@code Object[]} (0: there is none). */
  final int refs;

  private SplitFrame(int[] index, int longs, int refs) {
    this.index = index;
    this.longs = longs;
    this.refs = refs;
  }

  /** The frame holding the locals any of {@code chunks} uses. */
  static SplitFrame of(List<ValType> localTypes, List<FunctionSplitter.Chunk> chunks) {
    boolean[] used = new boolean[localTypes.size()];
    for (FunctionSplitter.Chunk c : chunks) {
      for (int l : c.locals) {
        used[l] = true;
      }
    }
    int[] index = new int[localTypes.size()];
    Arrays.fill(index, -1);
    int longs = 0;
    int refs = 0;
    for (int l = 0; l < used.length; l++) {
      if (!used[l]) {
        continue;
      }
      ValType t = localTypes.get(l);
      if (t.isReference()) {
        index[l] = refs++;
      } else {
        index[l] = longs;
        longs += t == ValType.V128 ? 2 : 1;
      }
    }
    return new SplitFrame(index, longs, refs);
  }

  /** Whether wasm local {@code local} lives in the frame. */
  boolean holds(int local) {
    return local < index.length && index[local] >= 0;
  }

  /** Adds the frame's arrays to a chunk's parameters. */
  void addParams(List<ClassDesc> params) {
    if (longs > 0) {
      params.add(CD_long.arrayType());
    }
    if (refs > 0) {
      params.add(CD_Object.arrayType());
    }
  }

  /** The JVM argument slots {@link #addParams} adds. */
  int paramCount() {
    return (longs > 0 ? 1 : 0) + (refs > 0 ? 1 : 0);
  }

  /**
   * Makes the frame of a call of {@code function} in the locals {@code longsSlot} and {@code
   * refsSlot}. The {@code long[]} is the function's own unless a call of it holds that ({@link
   * SplitOps#takeLongs}, {@link #release}), and may hold an earlier call's values: the function's
   * method then stores every local in it, the parameters and zero (the default value of every type,
   * spec 4.2.x) in the others.
   */
  void allocate(CodeBuilder cb, int function, int ctxSlot, int longsSlot, int refsSlot) {
    if (longs > 0) {
      cb.aload(ctxSlot);
      cb.loadConstant(function);
      cb.loadConstant(longs);
      cb.invokestatic(CD_SplitOps, "takeLongs", TAKE_LONGS);
      cb.astore(longsSlot);
    }
    if (refs > 0) {
      cb.loadConstant(refs);
      cb.anewarray(CD_Object);
      cb.astore(refsSlot);
    }
  }

  /**
   * Lets the next call of the function take this call's {@code long[]} ({@link
   * SplitOps#takeLongs}).
   */
  void release(CodeBuilder cb, int longsSlot) {
    if (longs > 0) {
      cb.aload(longsSlot);
      cb.loadConstant(longs);
      cb.lconst_0();
      cb.lastore();
    }
  }

  /** Pushes wasm local {@code local} of type {@code t} from the frame. */
  void load(CodeBuilder cb, ValType t, int local, int longsSlot, int refsSlot) {
    int i = index[local];
    if (t.isReference()) {
      cb.aload(refsSlot);
      cb.loadConstant(i);
      cb.aaload();
      return;
    }
    cb.aload(longsSlot);
    cb.loadConstant(i);
    cb.laload();
    switch (t) {
      case I32 -> cb.l2i();
      case F32 -> {
        cb.l2i();
        cb.invokestatic(CD_Float, "intBitsToFloat", INT_BITS_TO_FLOAT);
      }
      case F64 -> cb.invokestatic(CD_Double, "longBitsToDouble", LONG_BITS_TO_DOUBLE);
      case V128 -> {
        cb.aload(longsSlot);
        cb.loadConstant(i + 1);
        cb.laload();
        JvmTypes.fromFlat(cb, t);
      }
      default -> {}
    }
  }

  /** Pops a value of type {@code t} into wasm local {@code local} in the frame. */
  void store(CodeBuilder cb, ValType t, int local, int longsSlot, int refsSlot) {
    int i = index[local];
    if (t.isReference()) {
      cb.aload(refsSlot);
      cb.swap();
      cb.loadConstant(i);
      cb.swap();
      cb.aastore();
      return;
    }
    switch (t) {
      case I32 -> cb.i2l();
      case F32 -> {
        cb.invokestatic(CD_Float, "floatToRawIntBits", FLOAT_TO_BITS);
        cb.i2l();
      }
      case F64 -> cb.invokestatic(CD_Double, "doubleToRawLongBits", DOUBLE_TO_BITS);
      case V128 -> {
        JvmTypes.toFlat(cb, t); // low half, then high half on top
        storeLong(cb, longsSlot, i + 1);
      }
      default -> {}
    }
    storeLong(cb, longsSlot, i);
  }

  /** Pops a long into element {@code i} of the {@code long[]}. */
  private static void storeLong(CodeBuilder cb, int longsSlot, int i) {
    // value -> value, array, index -> array, index, value, array, index -> array, index, value
    cb.aload(longsSlot);
    cb.loadConstant(i);
    cb.dup2_x2();
    cb.pop2();
    cb.lastore();
  }
}
