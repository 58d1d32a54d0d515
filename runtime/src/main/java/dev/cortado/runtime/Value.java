package dev.cortado.runtime;

import dev.cortado.wasm.ValType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A WebAssembly value with its type. Floats are held as raw bits, so NaN payloads survive.
 * References: a {@code funcref} is an {@link ExportedFunction} or null; an {@code externref} is any
 * Java object or null. A {@code v128} is 128 bits, made and read as two {@code long}s or 16 bytes:
 *
 * <pre>{@code
 * Value v = Value.v128(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L); // i32x4 1 2 3 4
 * byte[] bytes = v.v128Bytes(); // {1, 0, 0, 0, 2, 0, 0, 0, 3, ...}, little-endian as in memory
 * }</pre>
 */
public final class Value {
  private final ValType type;
  private final long bits;
  private final long high;
  private final Object ref;

  private Value(ValType type, long bits, Object ref) {
    this(type, bits, 0, ref);
  }

  private Value(ValType type, long bits, long high, Object ref) {
    this.type = type;
    this.bits = bits;
    this.high = high;
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

  /**
   * A {@code v128} from its low and high 64 bits: byte 0 of the vector (lane 0 of any shape) is the
   * lowest byte of {@code low}, byte 15 the highest of {@code high}.
   */
  public static Value v128(long low, long high) {
    return new Value(ValType.V128, low, high, null);
  }

  /** A {@code v128} from its 16 bytes, in memory order (byte 0 first). */
  public static Value v128(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("a v128 has 16 bytes, not " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return v128(b.getLong(0), b.getLong(8));
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
   * bits; the high bits are ignored), reference types take {@code ref}. A {@code v128} takes {@code
   * bits} as its low half and has a zero high half; see {@link #v128(long, long)}.
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

  /** The raw bits of a numeric value (i32 and f32 in the low 32 bits; a v128's low 64 bits). */
  public long bits() {
    return bits;
  }

  /** A {@code v128}'s low 64 bits (bytes 0 to 7); the same as {@link #bits()}. */
  public long v128Low() {
    return bits;
  }

  /** A {@code v128}'s high 64 bits (bytes 8 to 15); 0 for other types. */
  public long v128High() {
    return high;
  }

  /** A {@code v128}'s 16 bytes in memory order (byte 0 first); a new array each time. */
  public byte[] v128Bytes() {
    byte[] bytes = new byte[16];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bits).putLong(8, high);
    return bytes;
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
    return o instanceof Value v
        && v.type == type
        && v.bits == bits
        && v.high == high
        && Objects.equals(v.ref, ref);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, bits, high, ref);
  }

  @Override
  public String toString() {
    return switch (type) {
      case I32 -> "i32:" + asInt();
      case I64 -> "i64:" + asLong();
      case F32 -> "f32:" + asFloat();
      case F64 -> "f64:" + asDouble();
      case V128 -> String.format("v128:0x%016x%016x", high, bits);
      case FUNCREF, EXTERNREF -> type + ":" + (ref == null ? "null" : ref);
    };
  }
}
