package dev.cortado.wasm.internal.validation;

import dev.cortado.wasm.ValType;
import java.util.List;

/**
 * Value types as small ints, so that the operand stack is an {@code int[]}: {@link #UNKNOWN} is 0
 * (the "Unknown" of the validation algorithm, spec appendix A.3, produced by popping a polymorphic
 * stack), and a {@link ValType} is its ordinal plus one.
 */
final class OperandTypes {
  static final int UNKNOWN = 0;
  static final int I32 = of(ValType.I32);
  static final int I64 = of(ValType.I64);
  static final int F32 = of(ValType.F32);
  static final int F64 = of(ValType.F64);
  static final int V128 = of(ValType.V128);
  static final int FUNCREF = of(ValType.FUNCREF);
  static final int EXTERNREF = of(ValType.EXTERNREF);

  static final int[] NONE = {};

  private static final ValType[] VAL_TYPES = ValType.values();

  /** {@code [t]} for each type code, so that single values are checked without allocating. */
  private static final int[][] SINGLE = new int[VAL_TYPES.length + 1][];

  static {
    for (int t = 0; t <= VAL_TYPES.length; t++) {
      SINGLE[t] = new int[] {t};
    }
  }

  private OperandTypes() {}

  static int of(ValType type) {
    return type.ordinal() + 1;
  }

  static ValType valType(int type) {
    return VAL_TYPES[type - 1];
  }

  static int[] of(List<ValType> types) {
    if (types.isEmpty()) {
      return NONE;
    }
    int[] codes = new int[types.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = of(types.get(i));
    }
    return codes;
  }

  /** The one-element sequence {@code [type]}, shared. */
  static int[] single(int type) {
    return SINGLE[type];
  }

  /** Numeric, or unknown (which may stand for a numeric type). */
  static boolean isNumeric(int type) {
    return type == UNKNOWN || valType(type).isNumeric();
  }

  static boolean isVector(int type) {
    return type == UNKNOWN || type == V128;
  }

  static boolean isReference(int type) {
    return type == UNKNOWN || type == FUNCREF || type == EXTERNREF;
  }

  /** Whether a value of type {@code actual} may stand where {@code expected} is required. */
  static boolean matches(int actual, int expected) {
    return actual == expected || actual == UNKNOWN || expected == UNKNOWN;
  }

  static String name(int type) {
    return type == UNKNOWN ? "_" : valType(type).text();
  }

  /** {@code "[i32 f64]"} for {@code types[from..to)}. */
  static String names(int[] types, int from, int to) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(' ');
      }
      sb.append(name(types[i]));
    }
    return sb.append(']').toString();
  }

  static String names(int[] types) {
    return names(types, 0, types.length);
  }
}
