package dev.cortado.runtime.internal;

import dev.cortado.wasm.code.Instruction;
import java.util.List;

/**
 * Evaluates constant expressions (spec 3.3.10, 4.4.9): global initializers, element segment items
 * and segment offsets. Validation has restricted them to constants, {@code ref.null}, {@code
 * ref.func} and {@code global.get}; the extended-constant arithmetic of later versions is accepted
 * too since it costs nothing here.
 */
final class ConstEvaluator {
  /** The result of one evaluation, raw (see {@link GlobalInstance}). */
  long bits;

  /** The high 64 bits of a v128 result. */
  long high;

  Object ref;

  private final ModuleInstance instance;
  private final long[] stack = new long[8];
  private final long[] highs = new long[8];
  private final Object[] refs = new Object[8];

  ConstEvaluator(ModuleInstance instance) {
    this.instance = instance;
  }

  /** Evaluates {@code expr} (ending in end); the value is left in {@link #bits}/{@link #ref}. */
  void evaluate(List<Instruction> expr) {
    long[] s = expr.size() > stack.length ? new long[expr.size()] : stack;
    Object[] r = expr.size() > refs.length ? new Object[expr.size()] : refs;
    long[] h = expr.size() > highs.length ? new long[expr.size()] : highs;
    int sp = 0;
    for (Instruction in : expr) {
      h[sp] = 0;
      switch (in.opcode()) {
        case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> {
          s[sp] = in.value();
          r[sp++] = null;
        }
        case V128_CONST -> {
          s[sp] = in.v128Low();
          h[sp] = in.v128High();
          r[sp++] = null;
        }
        case REF_NULL -> {
          s[sp] = 0;
          r[sp++] = null;
        }
        case REF_FUNC -> {
          s[sp] = 0;
          r[sp++] = instance.functions[in.index()];
        }
        case GLOBAL_GET -> {
          GlobalInstance g = instance.globals[in.index()];
          s[sp] = g.bits;
          h[sp] = g.high;
          r[sp++] = g.ref;
        }
        case I32_ADD -> {
          sp--;
          s[sp - 1] = (int) s[sp - 1] + (int) s[sp];
        }
        case I32_SUB -> {
          sp--;
          s[sp - 1] = (int) s[sp - 1] - (int) s[sp];
        }
        case I32_MUL -> {
          sp--;
          s[sp - 1] = (int) s[sp - 1] * (int) s[sp];
        }
        case I64_ADD -> {
          sp--;
          s[sp - 1] += s[sp];
        }
        case I64_SUB -> {
          sp--;
          s[sp - 1] -= s[sp];
        }
        case I64_MUL -> {
          sp--;
          s[sp - 1] *= s[sp];
        }
        case END -> {}
        default ->
            throw new IllegalStateException(
                "not a constant instruction: " + in.opcode().mnemonic());
      }
    }
    bits = s[0];
    high = h[0];
    ref = r[0];
  }
}
