package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.Label;

/**
 * Comparisons of one method ({@link FunctionCompiler}) that the following {@code br_if} or {@code
 * if} consumes as a JVM conditional branch, without materializing a 0 or 1 first. The fused
 * comparison sits on the operand stack as an {@link OperandStack#FUSED} entry; whatever else needs
 * the value materializes it.
 */
final class FusedConditions {
  private final FunctionCompiler fc;

  /** The comparison the {@code FUSED} entry on top of the stack stands for, or null. */
  private Conditions.Condition fused;

  FusedConditions(FunctionCompiler fc) {
    this.fc = fc;
  }

  /** A comparison {@code op}, followed by the instruction {@code next} (null at the end). */
  void compare(Opcode op, Opcode next) {
    OperandStack stack = fc.stack();
    boolean branchNext = next == Opcode.BR_IF || next == Opcode.IF;
    if (op == Opcode.I32_EQZ && stack.where(stack.size() - 1) == OperandStack.FUSED) {
      fused = fused.negate();
      if (!branchNext) {
        materialize();
      }
      return;
    }
    int n = Conditions.operands(op);
    stack.materialize(n);
    Conditions.Condition c = Conditions.of(op);
    if (branchNext && stack.jvmCount() == n) {
      stack.pop(n);
      stack.pushAt(ValType.I32, OperandStack.FUSED);
      fused = c;
    } else {
      Conditions.materialize(fc.cb(), c);
      stack.pop(n);
      stack.push(ValType.I32);
    }
  }

  /** Emits the 0/1 value of the fused comparison on top of the stack. */
  void materialize() {
    OperandStack stack = fc.stack();
    Conditions.materialize(fc.cb(), fused);
    stack.pop(1);
    stack.push(ValType.I32);
    fused = null;
  }

  /** Pops the condition on top of the stack and branches to {@code target} if it is false. */
  void branchIfFalse(Label target) {
    branch(target, false);
  }

  /** Pops the condition on top of the stack and branches to {@code target} if it is true. */
  void branchIfTrue(Label target) {
    branch(target, true);
  }

  private void branch(Label target, boolean ifTrue) {
    OperandStack stack = fc.stack();
    if (stack.where(stack.size() - 1) == OperandStack.FUSED) {
      Conditions.branch(fc.cb(), ifTrue ? fused : fused.negate(), target);
      fused = null;
    } else {
      stack.materialize(1);
      if (ifTrue) {
        fc.cb().ifne(target);
      } else {
        fc.cb().ifeq(target);
      }
    }
    stack.pop(1);
  }
}
