package dev.cortado.runtime.internal;

import dev.cortado.runtime.Table;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import java.util.Arrays;
import java.util.List;

/**
 * A table (spec 4.2.7). Elements are held as the interpreter's reference representation: a {@code
 * funcref} element is a {@link FunctionHandle} or null, an {@code externref} element any object or
 * null.
 *
 * <p>Like {@link MemoryInstance}, the instruction semantics ({@code get}, {@code set}, {@code
 * grow}, {@code fill}, {@code copy}, {@code init}) take unsigned indices as non-negative longs and
 * throw {@link TrapSignal}; the {@link Table} API methods throw a public {@link Trap}.
 */
public final class TableInstance implements Table {
  /** Java arrays cannot be longer than this; a table that would be is treated as too large. */
  private static final long MAX_JAVA_LENGTH = Integer.MAX_VALUE - 8;

  private final TableType declared;
  private final long maxSize;
  private Object[] elements;
  private int size;

  private TableInstance(TableType type, Object init) {
    if (!type.elementType().isReference()) {
      throw new IllegalArgumentException("not a reference type: " + type.elementType());
    }
    Limits limits = type.limits();
    long declaredMax = limits.hasMax() ? limits.max() : 0xFFFF_FFFFL;
    if (limits.min() < 0 || limits.min() > MAX_JAVA_LENGTH) {
      throw new OutOfMemoryError("table too large: " + limits.min() + " elements");
    }
    this.declared = type;
    this.maxSize = Math.min(declaredMax, MAX_JAVA_LENGTH);
    this.size = (int) limits.min();
    this.elements = new Object[size];
    if (init != null) {
      Arrays.fill(elements, init);
    }
  }

  /** A table for the Java API: {@code init} must be a value of the table's element type. */
  public static TableInstance create(TableType type, Value init) {
    Object element = toElement(type.elementType(), init);
    try {
      return new TableInstance(type, element);
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException("cannot allocate a table of " + type, e);
    }
  }

  /**
   * A table of {@code type} with every element {@code init} (a reference in the interpreter's
   * representation); throws {@link OutOfMemoryError} if it cannot be allocated.
   */
  public static TableInstance allocate(TableType type, Object init) {
    return new TableInstance(type, init);
  }

  public ValType elementType() {
    return declared.elementType();
  }

  /** The current type: the limits' minimum is the current size. */
  @Override
  public TableType type() {
    return new TableType(declared.elementType(), new Limits(size, declared.limits().max()));
  }

  @Override
  public long size() {
    return size;
  }

  /** The current size, for the instruction semantics. */
  public int length() {
    return size;
  }

  // ---- instruction semantics ----

  private static TrapSignal outOfBounds() {
    return new TrapSignal(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
  }

  /** {@code table.get}; {@code i} is the unsigned index. */
  public Object getElement(long i) {
    if (i >= size) {
      throw outOfBounds();
    }
    return elements[(int) i];
  }

  /** {@code table.set}. */
  public void setElement(long i, Object ref) {
    if (i >= size) {
      throw outOfBounds();
    }
    elements[(int) i] = ref;
  }

  /**
   * The element {@code call_indirect} calls (spec 4.4.8.8): "undefined element" out of bounds,
   * "uninitialized element" when null. The type check is the caller's.
   */
  public FunctionHandle functionForCall(long i) {
    if (i >= size) {
      throw new TrapSignal(TrapKind.UNDEFINED_ELEMENT, "undefined element " + i);
    }
    Object f = elements[(int) i];
    if (f == null) {
      throw new TrapSignal(TrapKind.UNINITIALIZED_ELEMENT, "uninitialized element " + i);
    }
    return (FunctionHandle) f;
  }

  /** {@code table.grow}: returns the old size, or -1 if the table cannot grow that much. */
  public int grow(long delta, Object init) {
    int old = size;
    if (delta < 0 || delta > maxSize - old) {
      return -1;
    }
    int newSize = (int) (old + delta);
    if (newSize > elements.length) {
      try {
        elements = Arrays.copyOf(elements, newSize);
      } catch (OutOfMemoryError e) {
        return -1;
      }
    }
    if (init != null) {
      Arrays.fill(elements, old, newSize, init);
    }
    size = newSize;
    return old;
  }

  /** {@code table.fill} (spec 4.4.6.6): the bounds are checked before any element is written. */
  public void fill(long i, Object ref, long n) {
    if (i + n > size) {
      throw outOfBounds();
    }
    Arrays.fill(elements, (int) i, (int) (i + n), ref);
  }

  /** {@code table.copy} (spec 4.4.6.7); overlapping ranges are fine. */
  public static void copy(TableInstance dst, long d, TableInstance src, long s, long n) {
    if (s + n > src.size || d + n > dst.size) {
      throw outOfBounds();
    }
    System.arraycopy(src.elements, (int) s, dst.elements, (int) d, (int) n);
  }

  /** {@code table.init} (spec 4.4.6.8) from an element segment (empty once dropped). */
  public void init(long d, Object[] segment, long s, long n) {
    if (s + n > segment.length || d + n > size) {
      throw outOfBounds();
    }
    System.arraycopy(segment, (int) s, elements, (int) d, (int) n);
  }

  // ---- the embedding API ----

  private static Object toElement(ValType elementType, Value value) {
    if (value.type() != elementType) {
      throw new IllegalArgumentException(
          "expected a " + elementType + " value, got " + value.type());
    }
    return value.ref();
  }

  private void checkApi(long index) {
    if (index < 0 || index >= size) {
      throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS, List.of());
    }
  }

  @Override
  public Value get(long index) {
    checkApi(index);
    return Values.ref(declared.elementType(), elements[(int) index]);
  }

  @Override
  public void set(long index, Value value) {
    Object ref = toElement(declared.elementType(), value);
    checkApi(index);
    elements[(int) index] = ref;
  }

  @Override
  public long grow(long delta, Value init) {
    return grow(delta, toElement(declared.elementType(), init));
  }

  @Override
  public String toString() {
    return "table[" + size + " " + declared.elementType() + "]";
  }
}
