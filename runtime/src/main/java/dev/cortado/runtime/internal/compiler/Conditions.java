package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * The wasm comparisons as JVM conditional branches: a comparison is an optional compare instruction
 * (or unsigned-compare call) followed by a branch on its condition code. Float compares use {@code
 * fcmpl}/{@code fcmpg} so that an unordered (NaN) comparison is false for every operator but {@code
 * ne}, as the spec wants; negating the condition keeps the compare instruction, so a branch taken
 * when the comparison is false is taken on NaN too.
 */
final class Conditions {
  private static final ClassDesc CD_Integer = ClassDesc.of("java.lang.Integer");
  private static final ClassDesc CD_Long = ClassDesc.of("java.lang.Long");

  private enum Prefix {
    /** Compares one int with 0. */
    ZERO,
    /** if_icmp on two ints. */
    ICMP,
    UNSIGNED_INT,
    LCMP,
    UNSIGNED_LONG,
    /** lconst_0; lcmp. */
    LONG_ZERO,
    FCMPL,
    FCMPG,
    DCMPL,
    DCMPG
  }

  private enum Cc {
    EQ,
    NE,
    LT,
    GE,
    GT,
    LE;

    Cc negate() {
      return switch (this) {
        case EQ -> NE;
        case NE -> EQ;
        case LT -> GE;
        case GE -> LT;
        case GT -> LE;
        case LE -> GT;
      };
    }
  }

  /** A comparison: what to compare and which outcome means true. */
  record Condition(Prefix prefix, Cc cc) {
    Condition negate() {
      return new Condition(prefix, cc.negate());
    }

    /**
     * Whether this is the condition of comparison {@code op}: field by field, where a record's
     * {@code equals} goes through a method handle, slow in the compiler's C1-compiled code.
     */
    boolean is(Opcode op) {
      Condition c = of(op);
      return c != null && prefix == c.prefix && cc == c.cc;
    }
  }

  private Conditions() {}

  /** Whether {@code op} is a comparison (result i32 0 or 1). */
  static boolean isComparison(Opcode op) {
    return of(op) != null;
  }

  /** The number of operands a comparison takes. */
  static int operands(Opcode op) {
    return op == Opcode.I32_EQZ || op == Opcode.I64_EQZ ? 1 : 2;
  }

  /** The condition that is true when comparison {@code op} is, or null if it is none. */
  static Condition of(Opcode op) {
    return switch (op) {
      case I32_EQZ -> new Condition(Prefix.ZERO, Cc.EQ);
      case I32_EQ -> new Condition(Prefix.ICMP, Cc.EQ);
      case I32_NE -> new Condition(Prefix.ICMP, Cc.NE);
      case I32_LT_S -> new Condition(Prefix.ICMP, Cc.LT);
      case I32_GT_S -> new Condition(Prefix.ICMP, Cc.GT);
      case I32_LE_S -> new Condition(Prefix.ICMP, Cc.LE);
      case I32_GE_S -> new Condition(Prefix.ICMP, Cc.GE);
      case I32_LT_U -> new Condition(Prefix.UNSIGNED_INT, Cc.LT);
      case I32_GT_U -> new Condition(Prefix.UNSIGNED_INT, Cc.GT);
      case I32_LE_U -> new Condition(Prefix.UNSIGNED_INT, Cc.LE);
      case I32_GE_U -> new Condition(Prefix.UNSIGNED_INT, Cc.GE);
      case I64_EQZ -> new Condition(Prefix.LONG_ZERO, Cc.EQ);
      case I64_EQ -> new Condition(Prefix.LCMP, Cc.EQ);
      case I64_NE -> new Condition(Prefix.LCMP, Cc.NE);
      case I64_LT_S -> new Condition(Prefix.LCMP, Cc.LT);
      case I64_GT_S -> new Condition(Prefix.LCMP, Cc.GT);
      case I64_LE_S -> new Condition(Prefix.LCMP, Cc.LE);
      case I64_GE_S -> new Condition(Prefix.LCMP, Cc.GE);
      case I64_LT_U -> new Condition(Prefix.UNSIGNED_LONG, Cc.LT);
      case I64_GT_U -> new Condition(Prefix.UNSIGNED_LONG, Cc.GT);
      case I64_LE_U -> new Condition(Prefix.UNSIGNED_LONG, Cc.LE);
      case I64_GE_U -> new Condition(Prefix.UNSIGNED_LONG, Cc.GE);
      case F32_EQ -> new Condition(Prefix.FCMPL, Cc.EQ);
      case F32_NE -> new Condition(Prefix.FCMPL, Cc.NE);
      case F32_LT -> new Condition(Prefix.FCMPG, Cc.LT);
      case F32_GT -> new Condition(Prefix.FCMPL, Cc.GT);
      case F32_LE -> new Condition(Prefix.FCMPG, Cc.LE);
      case F32_GE -> new Condition(Prefix.FCMPL, Cc.GE);
      case F64_EQ -> new Condition(Prefix.DCMPL, Cc.EQ);
      case F64_NE -> new Condition(Prefix.DCMPL, Cc.NE);
      case F64_LT -> new Condition(Prefix.DCMPG, Cc.LT);
      case F64_GT -> new Condition(Prefix.DCMPL, Cc.GT);
      case F64_LE -> new Condition(Prefix.DCMPG, Cc.LE);
      case F64_GE -> new Condition(Prefix.DCMPL, Cc.GE);
      default -> null;
    };
  }

  /** The condition that is true when the i32 on the stack is not zero (a plain br_if or if). */
  static Condition nonZero() {
    return new Condition(Prefix.ZERO, Cc.NE);
  }

  /** Emits a branch to {@code target} taken when {@code c} holds; consumes the operands. */
  static void branch(CodeBuilder cb, Condition c, Label target) {
    switch (c.prefix) {
      case ICMP -> {
        java.lang.classfile.Opcode op =
            switch (c.cc) {
              case EQ -> java.lang.classfile.Opcode.IF_ICMPEQ;
              case NE -> java.lang.classfile.Opcode.IF_ICMPNE;
              case LT -> java.lang.classfile.Opcode.IF_ICMPLT;
              case GE -> java.lang.classfile.Opcode.IF_ICMPGE;
              case GT -> java.lang.classfile.Opcode.IF_ICMPGT;
              case LE -> java.lang.classfile.Opcode.IF_ICMPLE;
            };
        cb.branch(op, target);
        return;
      }
      case ZERO -> {}
      case UNSIGNED_INT ->
          cb.invokestatic(CD_Integer, "compareUnsigned", MethodTypeDesc.of(CD_int, CD_int, CD_int));
      case LCMP -> cb.lcmp();
      case UNSIGNED_LONG ->
          cb.invokestatic(CD_Long, "compareUnsigned", MethodTypeDesc.of(CD_int, CD_long, CD_long));
      case LONG_ZERO -> {
        cb.lconst_0();
        cb.lcmp();
      }
      case FCMPL -> cb.fcmpl();
      case FCMPG -> cb.fcmpg();
      case DCMPL -> cb.dcmpl();
      case DCMPG -> cb.dcmpg();
    }
    java.lang.classfile.Opcode op =
        switch (c.cc) {
          case EQ -> java.lang.classfile.Opcode.IFEQ;
          case NE -> java.lang.classfile.Opcode.IFNE;
          case LT -> java.lang.classfile.Opcode.IFLT;
          case GE -> java.lang.classfile.Opcode.IFGE;
          case GT -> java.lang.classfile.Opcode.IFGT;
          case LE -> java.lang.classfile.Opcode.IFLE;
        };
    cb.branch(op, target);
  }

  /** Emits code that replaces the operands of {@code c} with 1 if it holds, else 0. */
  static void materialize(CodeBuilder cb, Condition c) {
    Label isTrue = cb.newLabel();
    Label done = cb.newLabel();
    branch(cb, c, isTrue);
    cb.iconst_0();
    cb.goto_(done);
    cb.labelBinding(isTrue);
    cb.iconst_1();
    cb.labelBinding(done);
  }
}
