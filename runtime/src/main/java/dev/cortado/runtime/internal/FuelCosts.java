package dev.cortado.runtime.internal;

import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.List;

/**
 * Where fuel is charged and how much: the one definition every execution tier follows, so that a
 * program given the same fuel stops at the same point in each (see docs/limits.md).
 *
 * <p>Every instruction costs one unit, except the structure markers {@code nop}, {@code block},
 * {@code loop}, {@code else} and {@code end}, which cost nothing. Code is not charged instruction
 * by instruction but a straight-line stretch at a time, when control enters it at a <em>charge
 * point</em>: the start of the function, and the instruction after each {@code loop}, {@code if},
 * {@code else} and {@code end} (every place a branch can land, plus the arms of an {@code if}). The
 * stretch runs from its charge point to the next one, or to the first {@code br}, {@code br_table},
 * {@code return} or {@code unreachable} (inclusive), whichever comes first; its cost is the sum of
 * its instructions' costs. A stretch that a taken {@code br_if} or a trap leaves early has still
 * been paid in full.
 *
 * <p>Charging: when control reaches a charge point with cost {@code c}, if the store holds less
 * than {@code c} fuel the code traps with {@code OUT_OF_FUEL} there, leaving the fuel unchanged;
 * otherwise {@code c} is subtracted. Every loop iteration passes at least one charge point of
 * non-zero cost (the branch that repeats it costs one), so fuel bounds any loop.
 */
public final class FuelCosts {
  private FuelCosts() {}

  /** What instruction {@code op} costs. */
  public static int cost(Opcode op) {
    return switch (op) {
      case NOP, BLOCK, LOOP, ELSE, END -> 0;
      default -> 1;
    };
  }

  /** Whether the instruction after {@code op} is a charge point. */
  private static boolean endsStretch(Opcode op) {
    return switch (op) {
      case LOOP, IF, ELSE, END -> true;
      default -> false;
    };
  }

  /** Whether control never continues past {@code op} to the next instruction. */
  private static boolean transfers(Opcode op) {
    return switch (op) {
      case BR, BR_TABLE, RETURN, UNREACHABLE -> true;
      default -> false;
    };
  }

  /**
   * The charges of a function body: element {@code i} is what reaching instruction {@code i}
   * charges when {@code i} is a charge point, else 0 (a charge point may cost 0 as well; it need
   * not be charged then). The array has one more element than the body, always 0, so that "the
   * instruction after" the last one can be looked up.
   */
  public static int[] charges(List<Instruction> body) {
    int n = body.size();
    int[] charges = new int[n + 1];
    for (int p = 0; p < n; p++) {
      if (p == 0 || endsStretch(body.get(p - 1).opcode())) {
        charges[p] = stretchCost(body, p);
      }
    }
    return charges;
  }

  private static int stretchCost(List<Instruction> body, int from) {
    int cost = 0;
    for (int j = from; j < body.size(); j++) {
      Opcode op = body.get(j).opcode();
      cost += cost(op);
      if (transfers(op) || endsStretch(op)) {
        break;
      }
    }
    return cost;
  }
}
