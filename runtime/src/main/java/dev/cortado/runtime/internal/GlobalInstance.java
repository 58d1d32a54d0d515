package dev.cortado.runtime.internal;

import dev.cortado.runtime.Global;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.GlobalType;

/**
 * A global (spec 4.2.9). The value is held raw, as on the interpreter's stack: numeric values in
 * {@link #bits} (i32 and f32 in the low 32 bits, floats as raw bits so NaN payloads survive),
 * references in {@link #ref}. Wasm code reads and writes the fields directly.
 */
public final class GlobalInstance implements Global {
  private final GlobalType type;
  public long bits;
  public Object ref;

  private GlobalInstance(GlobalType type, long bits, Object ref) {
    this.type = type;
    this.bits = bits;
    this.ref = ref;
  }

  /** A global for the Java API; {@code value} must be of the global's value type. */
  public static GlobalInstance create(GlobalType type, Value value) {
    Values.checkType(type.valType(), value);
    return new GlobalInstance(type, value.bits(), value.ref());
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
    return Value.ofRaw(type.valType(), bits, ref);
  }

  @Override
  public void set(Value value) {
    if (!type.mutable()) {
      throw new IllegalStateException("global is immutable");
    }
    Values.checkType(type.valType(), value);
    bits = value.bits();
    ref = value.ref();
  }

  @Override
  public String toString() {
    return "global[" + type + " = " + get() + "]";
  }
}
