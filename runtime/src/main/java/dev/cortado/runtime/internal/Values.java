package dev.cortado.runtime.internal;

import dev.cortado.runtime.Value;
import dev.cortado.wasm.ValType;
import java.util.List;

/** Conversions between public {@link Value}s and the raw representation wasm code works on. */
public final class Values {
  private Values() {}

  /** Throws {@link IllegalArgumentException} unless {@code value} is of type {@code type}. */
  public static void checkType(ValType type, Value value) {
    if (value == null) {
      throw new IllegalArgumentException("expected a " + type + " value, got null");
    }
    if (value.type() != type) {
      throw new IllegalArgumentException("expected a " + type + " value, got " + value);
    }
    if (type == ValType.FUNCREF
        && value.ref() != null
        && !(value.ref() instanceof FunctionHandle)) {
      throw new IllegalArgumentException("a funcref must hold an ExportedFunction or null");
    }
  }

  /** Checks that {@code args} match {@code types} in number and type. */
  public static void checkTypes(List<ValType> types, Value[] args, String what) {
    if (args == null || args.length != types.size()) {
      throw new IllegalArgumentException(
          what
              + ": expected "
              + types.size()
              + " values "
              + types
              + ", got "
              + (args == null ? 0 : args.length));
    }
    for (int i = 0; i < args.length; i++) {
      try {
        checkType(types.get(i), args[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + " " + i + ": " + e.getMessage(), e);
      }
    }
  }

  /** The public value of a raw reference of type {@code type}. */
  public static Value ref(ValType type, Object ref) {
    return Value.ofRaw(type, 0, ref);
  }
}
