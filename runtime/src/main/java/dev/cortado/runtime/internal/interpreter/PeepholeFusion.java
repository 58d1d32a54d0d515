package dev.cortado.runtime.internal.interpreter;

/**
 * The interpreter translator's peephole fusion ({@link CodeCompiler}): an instruction rewrites the
 * one or two just emitted into a superinstruction where it can. A branch target between them blocks
 * it ({@code CodeCompiler.last} and {@code beforeLast} are then -1).
 */
final class PeepholeFusion {
  /** For each i32 comparison, from {@code eq} to {@code ge_u}, the one that is its negation. */
  private static final int[] INVERSE_COMPARE = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};

  private PeepholeFusion() {}

  /**
   * {@code i32.add}/{@code i32.sub} after a constant or a local: fuses into I32_ADD_CONST
   * (subtracting c is adding -c, also modulo 2^32), LOCAL_I32_ADD_CONST, or I32_ADD_LOCAL.
   */
  static boolean add(CodeCompiler c, boolean subtract) {
    if (c.lastOp(2) == Op.CONST32) {
      if (subtract) {
        c.code[c.last + 1] = -c.code[c.last + 1];
      }
      if (c.beforeLast >= 0 && c.beforeLast + 2 == c.last && c.code[c.beforeLast] == Op.LOCAL_GET) {
        // local.get x; i32.const c; i32.add
        c.code[c.beforeLast] = Op.LOCAL_I32_ADD_CONST;
        c.code[c.beforeLast + 2] = c.code[c.last + 1];
        c.pos = c.beforeLast + 3;
        c.last = c.beforeLast;
        c.beforeLast = -1;
      } else {
        c.code[c.last] = Op.I32_ADD_CONST;
      }
      return true;
    }
    if (!subtract && c.lastOp(2) == Op.LOCAL_GET) {
      c.code[c.last] = Op.I32_ADD_LOCAL;
      return true;
    }
    if (!subtract && c.lastOp(3) == Op.LOCAL_GET2) {
      // local.get a; local.get b; i32.add: push a, add b.
      int b = c.code[c.last + 2];
      c.code[c.last] = Op.LOCAL_GET;
      c.code[c.last + 2] = Op.I32_ADD_LOCAL;
      c.emit(b);
      c.beforeLast = c.last;
      c.last = c.last + 2;
      return true;
    }
    return false;
  }

  /**
   * An i32 comparison followed by {@code br_if} ({@code negate} false) or {@code if} ({@code
   * negate} true, jumping when the condition fails): the comparison becomes a compare-and-jump
   * whose target the caller emits next.
   */
  static boolean compareAndJump(CodeCompiler c, boolean negate) {
    int cmp = c.lastOp(1);
    if (cmp == Op.I32_EQZ) {
      c.code[c.last] = negate ? Op.JUMP_IF : Op.JUMP_IF_NOT;
      return true;
    }
    if (cmp >= Op.I32_EQ && cmp <= Op.I32_GE_U) {
      int i = cmp - Op.I32_EQ;
      c.code[c.last] = Op.JUMP_IF_I32_EQ + (negate ? INVERSE_COMPARE[i] : i);
      return true;
    }
    return false;
  }
}
