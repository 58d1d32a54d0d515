package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.BitSet;
import java.util.List;

/**
 * Which v128 operands are known at compile time to be all zeros, for {@link ShufflePlan}: a {@code
 * v128.const 0}, or a {@code local.get} of a local that holds zero everywhere in the function. Such
 * a local is a declared (not parameter) v128 local, zero when the function starts (spec 4.4.10,
 * locals are initialised to their default), whose every {@code local.set} and {@code local.tee}
 * comes straight after a {@code v128.const 0}: no label can lie between the two, so the value set
 * is always that constant. Compilers keep their zero vector in such a local.
 *
 * <p>An operand's producer is found by walking back from the instruction over straight-line code
 * (instructions of known stack effect), up to a few dozen instructions; anything else (control,
 * calls) ends the walk with "not known".
 */
final class ZeroVectors {
  private static final int MAX_WALK = 48;

  private final List<Instruction> body;
  private final BitSet zeroLocals = new BitSet();

  ZeroVectors(List<Instruction> body, List<ValType> localTypes, int paramCount) {
    this.body = body;
    for (int i = paramCount; i < localTypes.size(); i++) {
      if (localTypes.get(i) == ValType.V128) {
        zeroLocals.set(i);
      }
    }
    for (int j = 0; j < body.size() && !zeroLocals.isEmpty(); j++) {
      Instruction in = body.get(j);
      Opcode op = in.opcode();
      if ((op == Opcode.LOCAL_SET || op == Opcode.LOCAL_TEE)
          && zeroLocals.get(in.index())
          && (j == 0 || !isZeroConst(body.get(j - 1)))) {
        zeroLocals.clear(in.index());
      }
    }
  }

  private static boolean isZeroConst(Instruction in) {
    return in.opcode() == Opcode.V128_CONST && in.v128Low() == 0 && in.v128High() == 0;
  }

  /**
   * Whether the operand at {@code depth} (0 the top) of the stack that body instruction {@code
   * index} finds is known to be all zeros.
   */
  boolean isZero(int index, int depth) {
    int d = depth;
    for (int j = index - 1; j >= 0 && j >= index - MAX_WALK; j--) {
      Instruction in = body.get(j);
      Opcode op = in.opcode();
      switch (op) {
        case LOCAL_TEE, NOP -> {} // a tee's value passes through
        case LOCAL_GET -> {
          if (d == 0) {
            return zeroLocals.get(in.index());
          }
          d--;
        }
        case V128_CONST -> {
          if (d == 0) {
            return isZeroConst(in);
          }
          d--;
        }
        case LOCAL_SET, DROP, GLOBAL_SET -> d++;
        case GLOBAL_GET -> {
          if (d == 0) {
            return false;
          }
          d--;
        }
        default -> {
          if (!op.hasFixedSignature()) {
            return false;
          }
          int results = op.results().size();
          if (d < results) {
            return false;
          }
          d += op.params().size() - results;
        }
      }
    }
    return false;
  }
}
