package dev.cortado.runtime.internal.interpreter;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;

/**
 * The {@link CodeCompiler}'s translation of SIMD instructions and of the v128 forms of {@code
 * local.get/set/tee} (see docs/interpreter.md, "v128 values and SIMD"): a v128 is two stack slots,
 * and every SIMD instruction becomes {@link Op#SIMD} with its sub-opcode and immediates, which
 * {@link SimdInterpreter} runs.
 */
final class SimdTranslator {
  private final CodeCompiler c;

  SimdTranslator(CodeCompiler compiler) {
    this.c = compiler;
  }

  /**
   * A SIMD instruction, or an access to a v128 local or global: a local's get or set copies two
   * slots (the high half is on top), a constant two 64-bit constants, everything else {@link
   * Op#SIMD} with a sub-opcode.
   */
  void translate(Instruction in) {
    Opcode op = in.opcode();
    switch (op) {
      case LOCAL_GET -> {
        int slot = c.localSlot(in.index());
        c.op(Op.LOCAL_GET2, slot); // both halves in one instruction
        c.emit(slot + 1);
        c.push(ValType.V128);
        return;
      }
      case LOCAL_SET -> {
        int slot = c.localSlot(in.index());
        c.op(Op.LOCAL_SET, slot + 1);
        c.op(Op.LOCAL_SET, slot);
        c.pop(1);
        return;
      }
      case LOCAL_TEE -> {
        c.emitSimd(SimdInterpreter.LOCAL_TEE);
        c.emit(c.localSlot(in.index()));
        return;
      }
      case GLOBAL_GET, GLOBAL_SET -> {
        c.emitSimd(
            op == Opcode.GLOBAL_GET ? SimdInterpreter.GLOBAL_GET : SimdInterpreter.GLOBAL_SET);
        c.emit(in.index());
        if (op == Opcode.GLOBAL_GET) {
          c.push(ValType.V128);
        } else {
          c.pop(1);
        }
        return;
      }
      case V128_CONST -> {
        // Two 64-bit constants: the low half, then the high half.
        c.emitConst64(in.v128Low());
        c.emitConst64(in.v128High());
        c.push(ValType.V128);
        return;
      }
      default -> {}
    }
    switch (op.immediate()) {
      case MEMARG, MEMARG_LANE -> {
        CodeCompiler.checkMemArg(in);
        c.recordSource(in);
        c.emitSimd(op.code());
        c.emit((int) in.memoryOffset());
        if (op.immediate() == Opcode.Immediate.MEMARG_LANE) {
          c.emit(in.laneIndex());
        }
      }
      case LANE -> {
        c.emitSimd(op.code());
        c.emit(in.laneIndex());
      }
      case SHUFFLE -> {
        // The 16 lane bytes, four to a word, lane 0 in the lowest byte of the first.
        c.emitSimd(op.code());
        int[] lanes = in.shuffleLanes();
        for (int w = 0; w < 4; w++) {
          c.emit(
              lanes[4 * w]
                  | lanes[4 * w + 1] << 8
                  | lanes[4 * w + 2] << 16
                  | lanes[4 * w + 3] << 24);
        }
      }
      default -> c.emitSimd(op.code());
    }
    c.pop(op.params().size());
    c.push(op.results());
  }
}
