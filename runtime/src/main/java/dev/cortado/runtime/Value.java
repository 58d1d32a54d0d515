package dev.cortado.runtime;

import dev.cortado.wasm.ValType;
import java.util.Objects;

/**
 * A WebAssembly value with its type. Floats are held as raw bits, so NaN payloads survive.
 * References: a {@code funcref} is an {@link ExportedFunction} or null; an {@code externref} is any
 * Java object or null.
 */
public final class Value {
  private final ValType type;
  private final long bits;
  private final Object ref;

  private Value(ValType type, long bits, Object ref) {
    this.type = type;
    this.bits = bits;
    this.ref = ref;
  }

  public static Value i32(int v) {
    return new Value(ValType.I32, v, null);
  }

  public static Value i64(long v) {
    return new Value(ValType.I64, v, null);
  }

  public static Value f32(float v) {
    return new Value(ValType.F32, Float.floatToRawIntBits(v) & 0xFFFFFFFFL, null);
  }

  public static Value f32Bits(int bits) {
    return new Value(ValType.F32, bits & 0xFFFFFFFFL, null);
  }

  public static Value f64(double v) {
    return new Value(ValType.F64, Double.doubleToRawLongBits(v), null);
  }

  public static Value f64Bits(long bits) {
    return new Value(ValType.F64, bits, null);
  }

  public static Value funcref(ExportedFunction f) {
    return new Value(ValType.FUNCREF, 0, f);
  }

  public static Value externref(Object o) {
    return new Value(ValType.EXTERNREF, 0, o);
  }

  /** The null reference of a reference type. */
  public static Value nullRef(ValType type) {
    if (!type.isReference()) {
      throw new IllegalArgumentException("not a reference type: " + type);
    }
    return new Value(type, 0, null);
  }

  /** A zero of a numeric type or null of a reference type (a local's or table's default). */
  public static Value defaultOf(ValType type) {
    return type.isReference() ? nullRef(type) : new Value(type, 0, null);
  }

  /**
   * A value from its raw representation: numeric types take {@code bits} (i32 and f32 in the low 32
   * bits; the high bits are ignored), reference types take {@code ref}.
   */
  public static Value ofRaw(ValType type, long bits, Object ref) {
    return switch (type) {
      case I32 -> new Value(type, (int) bits, null);
      case F32 -> new Value(type, bits & 0xFFFFFFFFL, null);
      case I64, F64, V128 -> new Value(type, bits, null);
      case FUNCREF, EXTERNREF -> new Value(type, 0, ref);
    };
  }

  public ValType type() {
    return type;
  }

  public int asInt() {
    return (int) bits;
  }

  public long asLong() {
    return bits;
  }

  public float asFloat() {
    return Float.intBitsToFloat((int) bits);
  }

  public double asDouble() {
    return Double.longBitsToDouble(bits);
  }

  /** The raw bits of a numeric value (i32 and f32 in the low 32 bits). */
  public long bits() {
    return bits;
  }

  /** The reference of a reference value (null for a null reference). */
  public Object ref() {
    return ref;
  }

  public ExportedFunction asFuncref() {
    return (ExportedFunction) ref;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v && v.type == type && v.bits == bits && Objects.equals(v.ref, ref);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, bits, ref);
  }

  @Override
  public String toString() {
    return switch (type) {
      case I32 -> "i32:" + asInt();
      case I64 -> "i64:" + asLong();
      case F32 -> "f32:" + asFloat();
      case F64 -> "f64:" + asDouble();
      case V128 -> "v128";
      case FUNCREF, EXTERNREF -> type + ":" + (ref == null ? "null" : ref);
    };
  }
}
