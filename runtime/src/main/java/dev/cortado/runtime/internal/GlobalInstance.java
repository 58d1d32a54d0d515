package dev.cortado.runtime.internal;

import dev.cortado.runtime.Global;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.ValType;

/**
 * A global (spec 4.2.9). The value is held raw, as on the interpreter's stack: numeric values in
 * {@link #bits} (i32 and f32 in the low 32 bits, floats as raw bits so NaN payloads survive), a
 * v128 in {@link #bits} (low 64 bits) and {@link #high}, references in {@link #ref}. Wasm code
 * reads and writes the fields directly.
 */
public final class GlobalInstance implements Global {
  private final GlobalType type;
  public long bits;

  /** The high 64 bits of a v128 global; 0 for other types. */
  public long high;

  public Object ref;

  private GlobalInstance(GlobalType type, long bits, Object ref) {
    this.type = type;
    this.bits = bits;
    this.ref = ref;
  }

  /** A global for the Java API; {@code value} must be of the global's value type. */
  public static GlobalInstance create(GlobalType type, Value value) {
    Values.checkType(type.valType(), value);
    GlobalInstance g = new GlobalInstance(type, value.bits(), value.ref());
    g.high = value.v128High();
    return g;
  }

  /** A global holding a raw value (see the class comment). */
  public static GlobalInstance ofRaw(GlobalType type, long bits, Object ref) {
    return new GlobalInstance(type, bits, ref);
  }

  @Override
  public GlobalType type() {
    return type;
  }

  @Override
  public Value get() {
    if (type.valType() == ValType.V128) {
      return Value.v128(bits, high);
    }
    return Value.ofRaw(type.valType(), bits, ref);
  }

  @Override
  public void set(Value value) {
    if (!type.mutable()) {
      throw new IllegalStateException("global is immutable");
    }
    Values.checkType(type.valType(), value);
    bits = value.bits();
    high = value.v128High();
    ref = value.ref();
  }

  @Override
  public String toString() {
    return "global[" + type + " = " + get() + "]";
  }
}
