package dev.cortado.runtime;

import dev.cortado.runtime.internal.GlobalInstance;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.GlobalType;

/** A global variable. */
public sealed interface Global extends Extern permits GlobalInstance {
  /** A new global of this type holding {@code value}, for a host to export. */
  static Global of(GlobalType type, Value value) {
    return GlobalInstance.create(type, value);
  }

  GlobalType type();

  Value get();

  /** Sets the value; throws {@link IllegalStateException} if the global is immutable. */
  void set(Value value);

  @Override
  default ExternKind kind() {
    return ExternKind.GLOBAL;
  }
}
