package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_int;

import dev.cortado.runtime.internal.Numerics;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * The instructions of one method ({@link FunctionCompiler}), one at a time: each goes to the
 * emitter of its kind (control, calls, locals, comparisons, memory and tables, numeric, SIMD); the
 * constants, {@code unreachable}, {@code drop} and {@code select} are emitted here. In unreachable
 * code nothing is emitted, but the block structure is kept track of.
 */
final class InstructionEmitter {
  private final FunctionCompiler fc;
  private final ControlEmitter control;
  private final OperandStack stack;
  private final InstructionList body;

  /**
   * Made at the first SIMD instruction: its class's tables take tens of milliseconds to build in a
   * fresh JVM, which a module without SIMD (most) should not pay at start-up.
   */
  private SimdEmitter simd;

  InstructionEmitter(FunctionCompiler fc, ControlEmitter control, InstructionList body) {
    this.fc = fc;
    this.control = control;
    this.stack = fc.stack();
    this.body = body;
  }

  /** Translates {@code in}, the instruction at body index {@code index}, in reachable code. */
  void translate(Instruction in, int index) {
    CodeBuilder cb = fc.cb();
    Opcode op = in.opcode();
    switch (op) {
      case UNREACHABLE -> {
        fc.recordPosition(in);
        cb.invokestatic(FunctionCompiler.CD_Unwind, "unreachable", FunctionCompiler.TRAP_SIGNAL);
        cb.athrow();
        fc.setReachable(false);
      }
      case NOP -> {}
      case BLOCK -> control.enterBlock(ControlEmitter.BLOCK, in.blockType());
      case LOOP -> control.enterLoop(in.blockType());
      case IF -> control.enterIf(in.blockType());
      case ELSE -> control.elseBranch();
      case END -> control.end();
      case BR -> {
        control.branch(in.index());
        fc.setReachable(false);
      }
      case BR_IF -> control.branchIf(control.label(in.index()));
      case BR_TABLE -> control.branchTable(in);
      case RETURN -> {
        control.emitReturn();
        fc.setReachable(false);
      }
      case CALL -> CallEmitter.call(fc, in);
      case CALL_INDIRECT -> CallEmitter.callIndirect(fc, in);
      case DROP -> drop();
      case SELECT, SELECT_TYPED -> select();
      case LOCAL_GET -> LocalEmitter.get(fc, in.index());
      case LOCAL_SET -> LocalEmitter.set(fc, in.index());
      case LOCAL_TEE -> LocalEmitter.tee(fc, in.index());
      case I32_CONST -> {
        cb.loadConstant((int) in.value());
        stack.push(ValType.I32);
      }
      case I64_CONST -> {
        cb.loadConstant(in.value());
        stack.push(ValType.I64);
      }
      case F32_CONST -> {
        NumericEmitter.f32Const(cb, (int) in.value());
        stack.push(ValType.F32);
      }
      case F64_CONST -> {
        NumericEmitter.f64Const(cb, in.value());
        stack.push(ValType.F64);
      }
      default -> {
        if (op.prefix() == 0xFD) {
          simd().emit(in);
        } else if (Conditions.isComparison(op)) {
          fc.conditions()
              .compare(op, index + 1 < body.size() ? body.get(index + 1).opcode() : null);
        } else if (!AccessEmitter.emit(fc, in)) {
          numeric(in);
        }
      }
    }
  }

  /** Skips an instruction of unreachable code, keeping track of the block structure. */
  void skip(Instruction in) {
    switch (in.opcode()) {
      case BLOCK, LOOP, IF -> control.enterDead(in.opcode() == Opcode.LOOP);
      case ELSE -> {
        if (!control.innermostIsDead()) {
          control.elseBranch();
        }
      }
      case END -> {
        if (control.innermostIsDead()) {
          control.leaveDead();
        } else {
          control.end();
        }
      }
      default -> {}
    }
  }

  private void numeric(Instruction in) {
    Opcode op = in.opcode();
    if (!op.hasFixedSignature()) {
      throw new IllegalStateException("cannot compile " + op.mnemonic());
    }
    int n = op.params().size();
    stack.materialize(n);
    if (Numerics.mayTrap(op)) {
      fc.recordPosition(in);
    }
    if (!NumericEmitter.emit(fc.cb(), op)) {
      throw new IllegalStateException("cannot compile " + op.mnemonic());
    }
    stack.pop(n);
    for (ValType t : op.results()) {
      stack.push(t);
    }
  }

  private void drop() {
    int top = stack.size() - 1;
    int where = stack.where(top);
    if (where == OperandStack.FUSED) {
      fc.materializeFused();
      fc.cb().pop();
    } else if (where == OperandStack.ON_STACK) {
      stack.discardJvm(1);
    }
    stack.pop(1);
  }

  private SimdEmitter simd() {
    if (simd == null) {
      simd = new SimdEmitter(fc);
    }
    return simd;
  }

  private void select() {
    ValType t = stack.type(stack.size() - 2);
    if (t == ValType.V128) {
      simd().select();
      return;
    }
    stack.materialize(3);
    String name =
        switch (t) {
          case I32 -> "selectI32";
          case I64 -> "selectI64";
          case F32 -> "selectF32";
          case F64 -> "selectF64";
          default -> "selectRef";
        };
    ClassDesc d = JvmTypes.desc(t);
    fc.cb().invokestatic(FunctionCompiler.CD_Ops, name, MethodTypeDesc.of(d, d, d, CD_int));
    stack.pop(3);
    stack.push(t);
  }
}
