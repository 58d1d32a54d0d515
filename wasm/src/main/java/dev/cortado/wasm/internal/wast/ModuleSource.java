package dev.cortado.wasm.internal.wast;

/** Where a script's module comes from. */
public sealed interface ModuleSource {
  /**
   * A module written in the text format inside the script: {@code text} is the whole {@code (module
   * ...)} form as it stands in the script (without a {@code definition} keyword and without the
   * script-level {@code $name}), to be parsed by {@code WatParser}; {@code line} is the script line
   * where it starts, for error messages.
   */
  record Text(String text, int line) implements ModuleSource {}

  /** {@code (module binary "..." ...)}: the concatenated bytes. */
  record Binary(byte[] bytes) implements ModuleSource {}

  /** {@code (module quote "..." ...)}: the concatenated strings, to be parsed as a module. */
  record Quote(String text) implements ModuleSource {}
}
