package dev.cortado.runtime.internal.interpreter;

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
   * A SIMD instruction, or an access to a v128 local or global: a local's get, set or tee copies
   * two slots, a constant is two 64-bit constants, everything else is {@link Op#SIMD} with the
   * operand top (its operands in their canonical slots), a sub-opcode and immediates.
   */
  void translate(Instruction in) {
    VirtualStack stack = c.stack;
    Opcode op = in.opcode();
    switch (op) {
      case LOCAL_GET -> {
        int slot = c.localSlot(in.index());
        int dst = stack.push(2);
        move(dst, slot);
        return;
      }
      case LOCAL_SET, LOCAL_TEE -> {
        int slot = c.localSlot(in.index());
        int src = stack.pop();
        move(slot, src);
        if (op == Opcode.LOCAL_TEE) {
          stack.push(2);
        }
        return;
      }
      case V128_CONST -> {
        // Two 64-bit constants: the low half, then the high half.
        int dst = stack.push(2);
        c.emitConst64(dst, in.v128Low());
        c.emitConst64(dst + 1, in.v128High());
        return;
      }
      default -> {}
    }
    int params =
        switch (op) {
          case GLOBAL_GET -> 0;
          case GLOBAL_SET -> 1;
          default -> op.params().size();
        };
    stack.materializeTop(params);
    int top = stack.height;
    stack.pop(params);
    if (op == Opcode.GLOBAL_GET) {
      stack.push(2);
    } else if (op != Opcode.GLOBAL_SET) {
      c.push(op.results());
    }
    switch (op) {
      case GLOBAL_GET, GLOBAL_SET -> {
        simd(
            top, op == Opcode.GLOBAL_GET ? SimdInterpreter.GLOBAL_GET : SimdInterpreter.GLOBAL_SET);
        c.emit(in.index());
        return;
      }
      default -> {}
    }
    switch (op.immediate()) {
      case MEMARG, MEMARG_LANE -> {
        CodeCompiler.checkMemArg(in);
        c.recordSource(in);
        simd(top, op.code());
        c.emit((int) in.memoryOffset());
        if (op.immediate() == Opcode.Immediate.MEMARG_LANE) {
          c.emit(in.laneIndex());
        }
      }
      case LANE -> {
        simd(top, op.code());
        c.emit(in.laneIndex());
      }
      case SHUFFLE -> {
        // The 16 lane bytes, four to a word, lane 0 in the lowest byte of the first.
        simd(top, op.code());
        int[] lanes = in.shuffleLanes();
        for (int w = 0; w < 4; w++) {
          c.emit(
              lanes[4 * w]
                  | lanes[4 * w + 1] << 8
                  | lanes[4 * w + 2] << 16
                  | lanes[4 * w + 3] << 24);
        }
      }
      default -> simd(top, op.code());
    }
  }

  /** Starts an {@link Op#SIMD} instruction whose operands end at slot {@code top}. */
  private void simd(int top, int sub) {
    c.op(Op.SIMD, top);
    c.emit(sub);
  }

  /** Copies a v128 (two slots) from {@code src} to {@code dst}. */
  private void move(int dst, int src) {
    c.op(Op.MOVE, dst);
    c.emit(src);
    c.op(Op.MOVE, dst + 1);
    c.emit(src + 1);
  }
}
