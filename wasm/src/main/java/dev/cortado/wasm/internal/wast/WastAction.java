package dev.cortado.wasm.internal.wast;

import java.util.List;

/** An action of a script: call an export, or read an exported global. */
public sealed interface WastAction {
  /** The module (instance) name without {@code $}, or null for the most recent one. */
  String moduleName();

  String exportName();

  /** {@code (invoke $module? "name" const*)}. */
  record Invoke(String moduleName, String exportName, List<WastValue> args) implements WastAction {}

  /** {@code (get $module? "name")}. */
  record Get(String moduleName, String exportName) implements WastAction {}
}
