package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.MethodTypeDesc;
import java.util.BitSet;
import java.util.List;

/**
 * The v128 wasm locals of a method that is not split, with the Vector API ({@link
 * JvmTypes#VECTORS}): each is a vector in a JVM local, and what a loop carries is kept in a
 * per-call {@code int[]} (docs/compiler.md, "The Vector API").
 *
 * <p>No vector object may be merged at a loop header: C2 removes a vector's box only where every
 * value merged is a box it made itself, and on on-stack replacement the locals come from the
 * interpreter's frame as real objects, so it would allocate a box per iteration. So each loop
 * header makes the vectors live there ({@link LoopLiveness}) again: from the carry array, where
 * {@code local.set} and {@code local.tee} of a local live at some loop header store the vector as
 * well (one vector store; the loop header's load is one vector load, which the CPU forwards from
 * the store). The other vectors are not merged at any loop header: HotSpot drops a local that is
 * dead there. The array is one reference, which OSR passes as it is. Its slices are only read at
 * loop headers: the flat halves of {@code localSlots} are read once, at entry (parameters, zeroes,
 * or the interpreter's frame), and not written after. A method where no v128 local is live at a
 * loop header has no array: a loop that makes its vectors afresh each iteration (the common case in
 * compiled C) costs no store and no load.
 */
final class VectorLocals {
  private static final MethodTypeDesc CARRY =
      MethodTypeDesc.of(CD_void, JvmTypes.CD_Vector, CD_int.arrayType(), CD_int);
  private static final MethodTypeDesc CARRIED =
      MethodTypeDesc.of(JvmTypes.CD_Vector, CD_int.arrayType(), CD_int);

  private final CodeBuilder cb;
  private final int[] localSlots;

  /** The JVM local of each v128 wasm local's vector, -1 for the other locals. */
  private final int[] vectorSlots;

  /** Where each carried v128 local's lanes start in the carry array, -1 for the other locals. */
  private final int[] offsets;

  /** For each loop instruction of the body, the locals live at its header; null elsewhere. */
  private final BitSet[] liveAtHeaders;

  /** The carry array's local, or -1 if no v128 local is live at a loop header. */
  private final int carrySlot;

  /** The carry array's length: four ints per carried v128 local. */
  private final int carryLength;

  private VectorLocals(
      CodeBuilder cb, int[] localSlots, List<ValType> types, BitSet[] liveAtHeaders) {
    this.cb = cb;
    this.localSlots = localSlots;
    this.liveAtHeaders = liveAtHeaders;
    this.vectorSlots = new int[types.size()];
    this.offsets = new int[types.size()];
    BitSet carried = new BitSet();
    for (BitSet live : liveAtHeaders) {
      if (live != null) {
        carried.or(live);
      }
    }
    int lanes = 0;
    for (int i = 0; i < types.size(); i++) {
      boolean v128 = types.get(i) == ValType.V128;
      vectorSlots[i] = v128 ? cb.allocateLocal(TypeKind.REFERENCE) : -1;
      offsets[i] = v128 && carried.get(i) ? lanes : -1;
      lanes += offsets[i] >= 0 ? 4 : 0;
    }
    carrySlot = lanes > 0 ? cb.allocateLocal(TypeKind.REFERENCE) : -1;
    carryLength = lanes;
  }

  /**
   * The v128 locals of a method with wasm locals {@code types} in {@code localSlots}, or null if it
   * has none or the Vector API is not used. Call {@link #enter} once the halves are set.
   */
  static VectorLocals of(
      CodeBuilder cb, int[] localSlots, List<ValType> types, InstructionList body) {
    if (!JvmTypes.VECTORS || !types.contains(ValType.V128)) {
      return null;
    }
    boolean loops = body.stream().anyMatch(in -> in.opcode() == Opcode.LOOP);
    BitSet[] live = loops ? LoopLiveness.of(body) : new BitSet[body.size()];
    return new VectorLocals(cb, localSlots, types, live);
  }

  /** At entry, once the flat halves hold the locals: makes the vectors and the carry array. */
  void enter() {
    if (carrySlot >= 0) {
      cb.loadConstant(carryLength);
      cb.newarray(TypeKind.INT);
      cb.astore(carrySlot);
    }
    for (int i = 0; i < vectorSlots.length; i++) {
      if (vectorSlots[i] >= 0) {
        JvmTypes.load(cb, ValType.V128, localSlots[i]);
        set(i);
      }
    }
  }

  /** At the header of the loop at {@code loopIndex}: makes the vectors live there again. */
  void atLoopHeader(int loopIndex) {
    BitSet live = liveAtHeaders[loopIndex];
    for (int i = live.nextSetBit(0); i >= 0; i = live.nextSetBit(i + 1)) {
      if (offsets[i] >= 0) {
        cb.aload(carrySlot);
        cb.loadConstant(offsets[i]);
        JvmTypes.vectorCall(cb, JvmTypes.CD_VectorValues, "carried", CARRIED);
        cb.astore(vectorSlots[i]);
      }
    }
  }

  /** {@code local.get} of v128 local {@code i}: pushes its vector. */
  void get(int i) {
    cb.aload(vectorSlots[i]);
  }

  /** {@code local.set} of v128 local {@code i}: pops the vector on the JVM stack into it. */
  void set(int i) {
    if (offsets[i] >= 0) {
      cb.dup();
      cb.aload(carrySlot);
      cb.loadConstant(offsets[i]);
      JvmTypes.vectorCall(cb, JvmTypes.CD_VectorValues, "carry", CARRY);
    }
    cb.astore(vectorSlots[i]);
  }
}
