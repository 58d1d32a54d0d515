package dev.cortado.runtime.internal.interpreter;

import dev.cortado.runtime.internal.Numerics;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link CodeCompiler}'s translation of numeric operators, references, tables and bulk memory.
 * Numeric operators and the reference and table instructions with one operand name their operands'
 * slots; the bulk operations take theirs as consecutive canonical slots from a base.
 */
final class OperatorTranslator {
  /** Each wasm operator's interpreter opcode, or -1 (found by name, see {@link Op}). */
  private static final int[] NUMERIC = new int[Opcode.values().length];

  static {
    Arrays.fill(NUMERIC, -1);
    // By name through a map: comparing every pair ran in every fresh JVM's first interpreted call,
    // tens of milliseconds of a short run.
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < Op.COUNT; i++) {
      byName.put(Op.name(i), i);
    }
    for (Opcode op : Opcode.values()) {
      Integer i = byName.get(op.name().toLowerCase(Locale.ROOT));
      if (i != null) {
        NUMERIC[op.ordinal()] = i;
      }
    }
    // Same effect on a 64-bit slot: floats are raw bits, an i32 ignores the high half.
    NUMERIC[Opcode.F32_LOAD.ordinal()] = Op.I32_LOAD;
    NUMERIC[Opcode.F64_LOAD.ordinal()] = Op.I64_LOAD;
    NUMERIC[Opcode.I64_LOAD8_S.ordinal()] = Op.I32_LOAD8_S;
    NUMERIC[Opcode.I64_LOAD8_U.ordinal()] = Op.I32_LOAD8_U;
    NUMERIC[Opcode.I64_LOAD16_S.ordinal()] = Op.I32_LOAD16_S;
    NUMERIC[Opcode.I64_LOAD16_U.ordinal()] = Op.I32_LOAD16_U;
    NUMERIC[Opcode.F32_STORE.ordinal()] = Op.I32_STORE;
    NUMERIC[Opcode.I64_STORE32.ordinal()] = Op.I32_STORE;
    NUMERIC[Opcode.F64_STORE.ordinal()] = Op.I64_STORE;
    NUMERIC[Opcode.I64_STORE8.ordinal()] = Op.I32_STORE8;
    NUMERIC[Opcode.I64_STORE16.ordinal()] = Op.I32_STORE16;
    NUMERIC[Opcode.I64_EXTEND8_S.ordinal()] = Op.I32_EXTEND8_S;
    NUMERIC[Opcode.I64_EXTEND16_S.ordinal()] = Op.I32_EXTEND16_S;
    NUMERIC[Opcode.I64_EXTEND32_S.ordinal()] = Op.I64_EXTEND_I32_S;
  }

  private OperatorTranslator() {}

  /** The interpreter opcode of numeric operator {@code op}, or -1. */
  static int numeric(Opcode op) {
    return NUMERIC[op.ordinal()];
  }

  static void translate(CodeCompiler c, Instruction in) {
    VirtualStack stack = c.stack;
    Opcode op = in.opcode();
    switch (op) {
      case REF_NULL -> c.result(Op.REF_NULL, stack.push(1));
      case REF_IS_NULL -> {
        int a = stack.pop();
        c.result(Op.REF_IS_NULL, stack.push(1));
        c.emit(a);
      }
      case REF_FUNC -> {
        c.result(Op.REF_FUNC, stack.push(1));
        c.emit(in.index());
      }
      case TABLE_GET -> {
        int index = stack.pop();
        int dst = stack.push(1);
        c.recordSource(in);
        c.result(Op.TABLE_GET, dst);
        c.emit(index);
        c.emit(in.index());
      }
      case TABLE_SIZE -> {
        c.result(Op.TABLE_SIZE, stack.push(1));
        c.emit(in.index());
      }
      case TABLE_SET -> consecutive(c, in, 2, 0, Op.TABLE_SET, true).emit(in.index());
      case TABLE_GROW -> consecutive(c, in, 2, 1, Op.TABLE_GROW, false).emit(in.index());
      case TABLE_FILL -> consecutive(c, in, 3, 0, Op.TABLE_FILL, true).emit(in.index());
      case TABLE_INIT, TABLE_COPY -> {
        consecutive(c, in, 3, 0, numeric(op), true).emit(in.index());
        c.emit(in.index2());
      }
      case ELEM_DROP -> c.op(Op.ELEM_DROP, in.index());
      case DATA_DROP -> c.op(Op.DATA_DROP, in.index());
      case MEMORY_INIT -> consecutive(c, in, 3, 0, Op.MEMORY_INIT, true).emit(in.index());
      case MEMORY_SIZE, MEMORY_GROW, MEMORY_COPY, MEMORY_FILL -> {
        if (in.index() != 0 || in.index2() != 0) {
          throw new UnsupportedFeatureException("multi-memory", null);
        }
        switch (op) {
          case MEMORY_SIZE -> c.result(Op.MEMORY_SIZE, stack.push(1));
          case MEMORY_GROW -> {
            int pages = stack.pop();
            c.result(Op.MEMORY_GROW, stack.push(1));
            c.emit(pages);
          }
          default -> consecutive(c, in, 3, 0, numeric(op), true);
        }
      }
      default -> {
        int internal = numeric(op);
        if (internal < 0
            || !op.hasFixedSignature()
            || op.results().size() != 1
            || op.params().isEmpty()
            || op.params().size() > 2) {
          throw new UnsupportedFeatureException(op.mnemonic(), null);
        }
        numericOperator(c, in, internal);
      }
    }
  }

  /**
   * An instruction taking its {@code operands} in consecutive canonical slots (materialized here)
   * and leaving {@code results} from the first: emits the opcode and that base slot.
   */
  private static CodeCompiler consecutive(
      CodeCompiler c, Instruction in, int operands, int results, int op, boolean mayTrap) {
    VirtualStack stack = c.stack;
    stack.materializeTop(operands);
    int base = stack.height - stack.slots(operands);
    stack.pop(operands);
    for (int i = 0; i < results; i++) {
      stack.push(1);
    }
    if (mayTrap) {
      c.recordSource(in);
    }
    c.op(op, base);
    return c;
  }

  static void memoryAccess(CodeCompiler c, Instruction in) {
    VirtualStack stack = c.stack;
    CodeCompiler.checkMemArg(in);
    int op = NUMERIC[in.opcode().ordinal()];
    if (in.opcode().results().isEmpty()) {
      int value = stack.pop();
      int address = stack.pop();
      c.recordSource(in);
      c.op(op, address);
      c.emit(value);
    } else {
      int address = stack.pop();
      int dst = stack.push(1);
      c.recordSource(in);
      c.result(op, dst);
      c.emit(address);
    }
    c.emit((int) in.memoryOffset());
  }

  /**
   * A numeric operator with one or two operands and one result: reads its operands wherever they
   * are, writes the canonical slot of its result.
   */
  private static void numericOperator(CodeCompiler c, Instruction in, int internal) {
    VirtualStack stack = c.stack;
    Opcode op = in.opcode();
    int b = op.params().size() == 2 ? stack.pop() : -1;
    int a = stack.pop();
    int dst = stack.push(1);
    if (Numerics.mayTrap(op)) {
      c.recordSource(in);
    }
    c.result(internal, dst);
    c.emit(a);
    if (b >= 0) {
      c.emit(b);
    }
  }
}
