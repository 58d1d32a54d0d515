package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;

/**
 * Finds a loop's counter: a local the loop body updates once, by a constant ({@code local.get x;
 * i32.const c; i32.add; local.set x}, or {@code local.tee x}). The compiler shapes the tests of
 * such counters so that C2 can count the loop ({@link FusedConditions}).
 */
final class LoopCounters {
  private LoopCounters() {}

  /**
   * The constant by which local {@code x} moves at each turn of the innermost loop around
   * instruction {@code at} of {@code body}: {@code c} if the loop's one update of {@code x} is
   * {@code x = x + c} ({@code x - c}: {@code -c}), else 0 (no loop, no such update, or another
   * one).
   */
  static int stride(InstructionList body, int at, int x) {
    int start = loopStart(body, at);
    if (start < 0) {
      return 0;
    }
    int stride = 0;
    int depth = 0;
    for (int i = start + 1; i < body.size(); i++) {
      Instruction in = body.get(i);
      switch (in.opcode()) {
        case BLOCK, LOOP, IF -> depth++;
        case END -> {
          if (depth-- == 0) {
            return stride;
          }
        }
        case LOCAL_SET, LOCAL_TEE -> {
          if (in.index() == x) {
            int c = i >= 3 ? step(body.get(i - 3), body.get(i - 2), body.get(i - 1), x) : 0;
            if (c == 0 || stride != 0) {
              return 0;
            }
            stride = c;
          }
        }
        default -> {}
      }
    }
    return 0;
  }

  /** The index of the innermost {@code loop} around instruction {@code at}, or -1. */
  private static int loopStart(InstructionList body, int at) {
    int depth = 0;
    for (int i = at - 1; i >= 0; i--) {
      switch (body.get(i).opcode()) {
        case END -> depth++;
        case BLOCK, IF -> {
          if (depth > 0) {
            depth--;
          }
        }
        case LOOP -> {
          if (depth == 0) {
            return i;
          }
          depth--;
        }
        default -> {}
      }
    }
    return -1;
  }

  /**
   * {@code c} if {@code get}, {@code constant} and {@code op} are {@code local.get x; i32.const c;
   * i32.add} ({@code i32.sub}: {@code -c}), else 0 (also if any is null).
   */
  static int step(Instruction get, Instruction constant, Instruction op, int x) {
    if (get == null
        || constant == null
        || op == null
        || get.opcode() != Opcode.LOCAL_GET
        || get.index() != x
        || constant.opcode() != Opcode.I32_CONST) {
      return 0;
    }
    int c = (int) constant.value();
    return switch (op.opcode()) {
      case I32_ADD -> c;
      case I32_SUB -> c == Integer.MIN_VALUE ? 0 : -c;
      default -> 0;
    };
  }
}
