package dev.cortado.runtime.internal.interpreter;

import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;

/**
 * The {@link CodeCompiler}'s translation of numeric operators, references, tables and bulk memory.
 * Numeric operators and the reference and table instructions with one operand name their operands'
 * slots; the bulk operations take theirs as consecutive canonical slots from a base.
 */
final class OperatorTranslator {
  private OperatorTranslator() {}

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
        consecutive(c, in, 3, 0, CodeCompiler.numeric(op), true).emit(in.index());
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
          default -> consecutive(c, in, 3, 0, CodeCompiler.numeric(op), true);
        }
      }
      default -> {
        int internal = CodeCompiler.numeric(op);
        if (internal < 0
            || !op.hasFixedSignature()
            || op.results().size() != 1
            || op.params().isEmpty()
            || op.params().size() > 2) {
          throw new UnsupportedFeatureException(op.mnemonic(), null);
        }
        c.numericOperator(in, internal);
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
}
