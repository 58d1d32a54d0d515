package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
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

  /**
   * Pops the condition on top of the stack and branches back to loop header {@code header} if it is
   * true: a {@code br_if} that closes a loop.
   *
   * <p>C2 turns a loop into a counted loop (whose bounds checks it can remove, and which it can
   * unroll and vectorize) only if its exit test compares the counter with {@code <}, {@code <=},
   * {@code >} or {@code >=}, or with {@code !=} when the counter moves by exactly 1. clang's loops
   * unrolled by 2 end in {@code x += 2; br_if (x != limit)} (or {@code x -= 2; br_if x}), which C2
   * leaves uncounted. Where the tested value is such a counter and the limit a constant (or zero),
   * this emits {@code if (x < limit) goto header; if (x != limit) goto header} ({@code >} for a
   * counter going down) instead: the same condition, and the first test is the loop's hot back
   * edge, whose loop C2 counts; the second is a back edge that is never taken in such loops (an
   * outer loop to C2). Other conditions branch plainly.
   */
  void branchBackIfTrue(Label header) {
    OperandStack stack = fc.stack();
    CodeBuilder cb = fc.cb();
    boolean isFused = stack.where(stack.size() - 1) == OperandStack.FUSED;
    if (isFused && fused.is(Opcode.I32_NE)) {
      // x != limit, or limit != x, with a constant limit: the counter's stride, oriented as the
      // first operand's. (With a limit in a local, lz's short copy loops got 10% slower counted.)
      Instruction limit = fc.preceding(2);
      int stride = isConstant(limit) ? stride(fc.preceding(3), 4) : 0;
      boolean limitFirst = false;
      if (stride == 0 && isConstant(fc.preceding(6))) {
        limit = fc.preceding(6);
        stride = -stride(fc.preceding(2), 3);
        limitFirst = true;
      }
      if (stride > 1 || stride < -1) {
        // if (x < limit) goto header; if (x != limit) goto header
        orderedThenExact(stride, (int) limit.value(), limitFirst, header, Opcode.I32_NE, header);
        return;
      }
    } else if (isFused
        && fused.is(Opcode.I32_LT_U)
        && isConstant(fc.preceding(2))
        && fc.preceding(2).value() >= 0) {
      // x <u c with 0 <= c < 2^31 is 0 <= x < c: two signed tests, the second of which C2 takes
      // for a counted loop's exit (it does not count a loop on an unsigned compare).
      int x = fc.scratchInt();
      cb.pop();
      cb.istore(x);
      Label out = cb.newLabel();
      cb.iload(x);
      cb.iflt(out);
      cb.iload(x);
      cb.loadConstant((int) fc.preceding(2).value());
      cb.if_icmplt(header);
      cb.labelBinding(out);
      fused = null;
      stack.pop(1);
      return;
    } else if (!isFused) {
      // br_if on the counter itself: x != 0.
      int stride = stride(fc.preceding(1), 2);
      if (stride > 1 || stride < -1) {
        stack.materialize(1);
        int x = fc.scratchInt();
        cb.istore(x);
        cb.iload(x);
        if (stride > 0) {
          cb.iflt(header);
        } else {
          cb.ifgt(header);
        }
        cb.iload(x);
        cb.ifne(header);
        stack.pop(1);
        return;
      }
    }
    branch(header, true);
  }

  /**
   * Pops the condition on top of the stack and branches forward to {@code target} if it is true: a
   * {@code br_if} out of a block.
   *
   * <p>A loop that leaves in its middle when its counter reaches a constant, {@code br_if $out (x
   * == limit)}, with {@code x} updated once per turn by a constant (sha256's rounds: {@code i ==
   * 252}, {@code i += 4} further on), is not counted by C2, which then keeps every bounds check and
   * a safepoint poll in it. For such a test this emits {@code if (x < limit) skip; if (x == limit)
   * goto target} ({@code >} for a counter going down): the same condition, where the loop stays on
   * a {@code <} test as C2 counts it. Other conditions branch plainly.
   */
  void branchOutIfTrue(Label target) {
    OperandStack stack = fc.stack();
    if (stack.where(stack.size() - 1) == OperandStack.FUSED
        && fused.is(Opcode.I32_EQ)
        && isConstant(fc.preceding(2))
        && fc.preceding(3) != null
        && fc.preceding(3).opcode() == Opcode.LOCAL_GET) {
      int stride = fc.loopStride(fc.preceding(3).index());
      if (stride != 0) {
        // if (x < limit) skip; if (x == limit) goto target; skip:
        Label skip = fc.cb().newLabel();
        orderedThenExact(stride, (int) fc.preceding(2).value(), false, skip, Opcode.I32_EQ, target);
        fc.cb().labelBinding(skip);
        return;
      }
    }
    branch(target, true);
  }

  /**
   * Consumes the fused comparison on the JVM stack of a counter {@code x} and the constant {@code
   * limit} ({@code limitFirst}: pushed before {@code x}): branches to {@code ordered} if the first
   * operand is below the second ({@code >} if {@code stride} is negative), then to {@code target}
   * if {@code exact} ({@code I32_EQ} or {@code I32_NE}) holds of them.
   */
  private void orderedThenExact(
      int stride, int limit, boolean limitFirst, Label ordered, Opcode exact, Label target) {
    CodeBuilder cb = fc.cb();
    int x = fc.scratchInt();
    if (limitFirst) {
      cb.istore(x);
      cb.pop();
    } else {
      cb.pop();
      cb.istore(x);
    }
    operands(x, limit, limitFirst);
    if (stride > 0) {
      cb.if_icmplt(ordered);
    } else {
      cb.if_icmpgt(ordered);
    }
    operands(x, limit, limitFirst);
    if (exact == Opcode.I32_EQ) {
      cb.if_icmpeq(target);
    } else {
      cb.if_icmpne(target);
    }
    fused = null;
    fc.stack().pop(1);
  }

  private void operands(int x, int limit, boolean limitFirst) {
    CodeBuilder cb = fc.cb();
    if (limitFirst) {
      cb.loadConstant(limit);
      cb.iload(x);
    } else {
      cb.iload(x);
      cb.loadConstant(limit);
    }
  }

  private static boolean isConstant(Instruction in) {
    return in != null && in.opcode() == Opcode.I32_CONST;
  }

  /**
   * The constant stride {@code c} if {@code tee} is {@code local.tee x} and the instructions from
   * {@code back} places before the one being translated are {@code local.get x; i32.const c;
   * i32.add} (or {@code i32.sub}, stride {@code -c}), else 0.
   */
  private int stride(Instruction tee, int back) {
    if (tee == null || tee.opcode() != Opcode.LOCAL_TEE) {
      return 0;
    }
    return LoopCounters.step(
        fc.preceding(back + 2), fc.preceding(back + 1), fc.preceding(back), tee.index());
  }
}
