package dev.cortado.runtime.internal.compiler;

import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_MemoryInstance;
import static dev.cortado.runtime.internal.compiler.FunctionCompiler.CD_MemoryOps;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.runtime.internal.simd.I16x8;
import dev.cortado.runtime.internal.simd.I32x4;
import dev.cortado.runtime.internal.simd.I64x2;
import dev.cortado.runtime.internal.simd.I8x16;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.MethodTypeDesc;

/**
 * The SIMD memory instructions for {@link SimdEmitter}: {@code v128.load} and its extending,
 * splatting and zero-filling forms, {@code v128.store}, and the lane loads and stores. Each is one
 * or two {@link MemoryOps} accesses of the memory's access segment (whose bounds check is the wasm
 * one) and the lane methods that assemble or pick the lanes; with the Vector API ({@link
 * JvmTypes#VECTORS}), {@code v128.load}, {@code v128.store} and the extending loads are one vector
 * access each ({@code internal.simd.VectorOps}).
 */
final class SimdMemoryEmitter {
  private final FunctionCompiler fc;
  private final SimdEmitter simd;
  private final OperandStack stack;

  SimdMemoryEmitter(FunctionCompiler fc, SimdEmitter simd) {
    this.fc = fc;
    this.simd = simd;
    this.stack = fc.stack();
  }

  private CodeBuilder cb() {
    return fc.cb();
  }

  void emit(Instruction in) {
    if (in.memoryIndex() != 0) {
      throw new UnsupportedFeatureException("multi-memory", null);
    }
    if (in.memoryOffset() < 0 || in.memoryOffset() > 0xFFFF_FFFFL) {
      throw new UnsupportedFeatureException("memory64", null);
    }
    Opcode op = in.opcode();
    int offset = (int) in.memoryOffset();
    SimdEmitter.VectorMethod vector = SimdEmitter.vectorMethod(op);
    if (vector != null) {
      vectorAccess(in, vector, offset);
      return;
    }
    if (op.immediate() == Opcode.Immediate.MEMARG_LANE) {
      laneMemory(in, op, offset, in.laneIndex());
      return;
    }
    if (op == Opcode.V128_STORE) {
      int[] s = simd.take(2);
      fc.recordPosition(in);
      cb().iload(s[0]);
      simd.lo(s[1]);
      simd.hi(s[1]);
      cb().loadConstant(offset);
      cb().aload(fc.memorySlot());
      cb().invokestatic(
              CD_MemoryOps,
              "v128Store",
              MethodTypeDesc.of(CD_void, CD_int, CD_long, CD_long, CD_int, CD_MemoryInstance));
      return;
    }
    int addr = simd.take(1)[0];
    fc.recordPosition(in);
    switch (op) {
      case V128_LOAD -> {
        load(addr, offset, "i64Load", SimdEmitter.LOAD_I64);
        load(addr, offset, "v128LoadHigh", SimdEmitter.LOAD_I64);
      }
      case V128_LOAD8X8_S,
          V128_LOAD8X8_U,
          V128_LOAD16X4_S,
          V128_LOAD16X4_U,
          V128_LOAD32X2_S,
          V128_LOAD32X2_U -> {
        // 8 bytes, each 4-byte half widened to one result half.
        load(addr, offset, "i64Load", SimdEmitter.LOAD_I64);
        cb().lstore(simd.scratchLong());
        String m = op.mnemonic();
        Class<?> owner =
            m.contains("8x8") ? I16x8.class : m.contains("16x4") ? I32x4.class : I64x2.class;
        String name = m.endsWith("_s") ? "extendS" : "extendU";
        cb().lload(simd.scratchLong());
        cb().l2i();
        simd.call(owner, name, SimdEmitter.WIDEN_DESC);
        cb().lload(simd.scratchLong());
        simd.upper32();
        simd.call(owner, name, SimdEmitter.WIDEN_DESC);
      }
      case V128_LOAD8_SPLAT -> {
        load(addr, offset, "i32Load8U", SimdEmitter.LOAD_I32);
        simd.call(I8x16.class, "splat", SimdEmitter.WIDEN_DESC);
        cb().dup2();
      }
      case V128_LOAD16_SPLAT -> {
        load(addr, offset, "i32Load16U", SimdEmitter.LOAD_I32);
        simd.call(I16x8.class, "splat", SimdEmitter.WIDEN_DESC);
        cb().dup2();
      }
      case V128_LOAD32_SPLAT -> {
        load(addr, offset, "i32Load", SimdEmitter.LOAD_I32);
        simd.call(I32x4.class, "splat", SimdEmitter.WIDEN_DESC);
        cb().dup2();
      }
      case V128_LOAD64_SPLAT -> {
        load(addr, offset, "i64Load", SimdEmitter.LOAD_I64);
        cb().dup2();
      }
      case V128_LOAD32_ZERO -> {
        load(addr, offset, "i64Load32U", SimdEmitter.LOAD_I64);
        cb().lconst_0();
      }
      case V128_LOAD64_ZERO -> {
        load(addr, offset, "i64Load", SimdEmitter.LOAD_I64);
        cb().lconst_0();
      }
      default -> throw new IllegalStateException("cannot compile " + op.mnemonic());
    }
    simd.pushPair();
  }

  /** Pushes {@code MemoryOps.name(addr, offset, segment)}. */
  private void load(int addr, int offset, String name, MethodTypeDesc desc) {
    cb().iload(addr);
    cb().loadConstant(offset);
    cb().aload(fc.memorySlot());
    cb().invokestatic(CD_MemoryOps, name, desc);
  }

  /**
   * A memory access on the Vector API (see VectorOps): a vector load or store, or one scalar access
   * and a lane insertion, extraction or broadcast. The method takes the operands as they lie on the
   * stack, then the offset, the memory and, for lane accesses, the lane.
   */
  private void vectorAccess(Instruction in, SimdEmitter.VectorMethod vector, int offset) {
    Opcode op = in.opcode();
    int operands = op.params().size();
    stack.materialize(operands);
    fc.recordPosition(in);
    cb().loadConstant(offset);
    cb().aload(fc.memorySlot());
    if (op.immediate() == Opcode.Immediate.MEMARG_LANE) {
      cb().loadConstant(in.laneIndex());
    }
    JvmTypes.vectorCall(cb(), vector.owner(), vector.name(), vector.desc());
    stack.pop(operands);
    for (ValType t : op.results()) {
      stack.push(t);
    }
  }

  /** {@code v128.load*_lane} ({@code [i32 v128] -> [v128]}) and {@code v128.store*_lane}. */
  private void laneMemory(Instruction in, Opcode op, int offset, int lane) {
    int[] s = simd.take(2);
    int addr = s[0];
    int v = s[1];
    fc.recordPosition(in);
    int bytes = 1 << op.naturalAlignment();
    int perHalf = 8 / bytes;
    int which = lane / perHalf;
    boolean store = op.results().isEmpty();
    if (store) {
      cb().iload(addr);
      switch (bytes) {
        case 1, 2 -> {
          simd.lo(v);
          simd.hi(v);
          cb().loadConstant(lane);
          simd.call(
              bytes == 1 ? I8x16.class : I16x8.class, "extractLaneU", SimdEmitter.EXTRACT_DESC);
        }
        case 4 -> {
          simd.lo(v);
          simd.hi(v);
          cb().loadConstant(lane);
          simd.call(I32x4.class, "extractLane", SimdEmitter.EXTRACT_DESC);
        }
        default -> simd.half(v, which);
      }
      cb().loadConstant(offset);
      cb().aload(fc.memorySlot());
      String name =
          switch (bytes) {
            case 1 -> "i32Store8";
            case 2 -> "i32Store16";
            case 4 -> "i32Store";
            default -> "i64Store";
          };
      cb().invokestatic(
              CD_MemoryOps, name, bytes == 8 ? SimdEmitter.STORE_I64 : SimdEmitter.STORE_I32);
      return;
    }
    for (int h = 0; h < 2; h++) {
      if (h != which) {
        simd.half(v, h);
        continue;
      }
      if (bytes == 8) {
        load(addr, offset, "i64Load", SimdEmitter.LOAD_I64);
        continue;
      }
      simd.half(v, h);
      cb().loadConstant(lane);
      switch (bytes) {
        case 1 -> load(addr, offset, "i32Load8U", SimdEmitter.LOAD_I32);
        case 2 -> load(addr, offset, "i32Load16U", SimdEmitter.LOAD_I32);
        default -> load(addr, offset, "i32Load", SimdEmitter.LOAD_I32);
      }
      Class<?> owner = bytes == 1 ? I8x16.class : bytes == 2 ? I16x8.class : I32x4.class;
      simd.call(owner, "replaceLane", SimdEmitter.REPLACE_DESC);
    }
    simd.pushPair();
  }
}
