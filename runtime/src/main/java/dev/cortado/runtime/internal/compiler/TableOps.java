package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.runtime.internal.GlobalInstance;
import dev.cortado.runtime.internal.TableInstance;
import dev.cortado.runtime.internal.TrapSignal;

/**
 * Table, reference and global instructions for generated code: operands first (as they are on the
 * operand stack), then immediates, then the instance. The semantics are {@link TableInstance}'s and
 * {@link GlobalInstance}'s, shared with the interpreter.
 */
public final class TableOps {
  private static final long U32 = 0xFFFF_FFFFL;
  private static final Object[] DROPPED = new Object[0];

  private TableOps() {}

  /**
   * The function {@code call_indirect} calls (spec 4.4.8.8): element {@code i} of the table, which
   * must exist, be non-null and have exactly type {@code typeIndex} of the module.
   */
  public static FunctionHandle indirect(int i, int table, int typeIndex, CompiledInstance ctx) {
    FunctionHandle f = ctx.tables[table].functionForCall(i & U32);
    if (f.typeId != ctx.code.typeId(typeIndex)) {
      throw new TrapSignal(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    }
    return f;
  }

  public static Object refFunc(int function, CompiledInstance ctx) {
    return ctx.functions[function];
  }

  public static FunctionHandle function(int function, CompiledInstance ctx) {
    return ctx.functions[function];
  }

  public static Object get(int i, int table, CompiledInstance ctx) {
    return ctx.tables[table].getElement(i & U32);
  }

  public static void set(int i, Object ref, int table, CompiledInstance ctx) {
    ctx.tables[table].setElement(i & U32, ref);
  }

  public static int size(int table, CompiledInstance ctx) {
    return ctx.tables[table].length();
  }

  public static int grow(Object init, int n, int table, CompiledInstance ctx) {
    return ctx.tables[table].grow(n & U32, init);
  }

  public static void fill(int i, Object ref, int n, int table, CompiledInstance ctx) {
    ctx.tables[table].fill(i & U32, ref, n & U32);
  }

  public static void copy(int d, int s, int n, int dst, int src, CompiledInstance ctx) {
    TableInstance.copy(ctx.tables[dst], d & U32, ctx.tables[src], s & U32, n & U32);
  }

  public static void init(int d, int s, int n, int segment, int table, CompiledInstance ctx) {
    ctx.tables[table].init(d & U32, ctx.elements[segment], s & U32, n & U32);
  }

  public static void elemDrop(int segment, CompiledInstance ctx) {
    ctx.elements[segment] = DROPPED;
  }

  // ---- globals: numeric values raw in bits, as the interpreter keeps them ----

  /**
   * Global {@code g}: one of the instance's first four from a field of their own, the others from
   * the array. Generated code passes {@code g} as a constant, so that the JIT folds the switch.
   */
  static GlobalInstance global(int g, CompiledInstance ctx) {
    return switch (g) {
      case 0 -> ctx.global0;
      case 1 -> ctx.global1;
      case 2 -> ctx.global2;
      case 3 -> ctx.global3;
      default -> ctx.globals[g];
    };
  }

  public static int getI32(int g, CompiledInstance ctx) {
    return (int) global(g, ctx).bits;
  }

  public static long getI64(int g, CompiledInstance ctx) {
    return global(g, ctx).bits;
  }

  public static float getF32(int g, CompiledInstance ctx) {
    return Float.intBitsToFloat((int) global(g, ctx).bits);
  }

  public static double getF64(int g, CompiledInstance ctx) {
    return Double.longBitsToDouble(global(g, ctx).bits);
  }

  public static Object getRef(int g, CompiledInstance ctx) {
    return global(g, ctx).ref;
  }

  public static void setI32(int v, int g, CompiledInstance ctx) {
    global(g, ctx).bits = v;
  }

  public static long getV128Low(int g, CompiledInstance ctx) {
    return global(g, ctx).bits;
  }

  public static long getV128High(int g, CompiledInstance ctx) {
    return global(g, ctx).high;
  }

  public static void setV128(long lo, long hi, int g, CompiledInstance ctx) {
    GlobalInstance global = global(g, ctx);
    global.bits = lo;
    global.high = hi;
  }

  public static void setI64(long v, int g, CompiledInstance ctx) {
    global(g, ctx).bits = v;
  }

  public static void setF32(float v, int g, CompiledInstance ctx) {
    global(g, ctx).bits = Float.floatToRawIntBits(v);
  }

  public static void setF64(double v, int g, CompiledInstance ctx) {
    global(g, ctx).bits = Double.doubleToRawLongBits(v);
  }

  public static void setRef(Object v, int g, CompiledInstance ctx) {
    global(g, ctx).ref = v;
  }
}
