package dev.cortado.wasm.internal.wast;

/** Where a script's module comes from. */
public sealed interface ModuleSource {
  /**
   * A module written in the text format inside the script: {@code text} is the whole {@code (module
   * ...)} form exactly as it stands in the script, script-level {@code $name} included ({@code
   * WatParser} takes it as the module's name), except that a {@code definition} keyword is replaced
   * by spaces, so that the text is a plain module and every position in it stays exact. {@code
   * line} is the script line where it starts: a {@code WatParser} location {@code l:c} is script
   * line {@code line + l - 1} (on its first line, columns count from the {@code (module}).
   */
  record Text(String text, int line) implements ModuleSource {}

  /** {@code (module binary "..." ...)}: the concatenated bytes. */
  record Binary(byte[] bytes) implements ModuleSource {}

  /**
   * {@code (module quote "..." ...)}: the concatenated strings, to be parsed as a module. Their
   * bytes need not be UTF-8: each byte that is not part of a well-formed UTF-8 sequence is kept as
   * the lone surrogate {@code U+DC00 + byte}, which {@code WatParser} reports as malformed UTF-8.
   */
  record Quote(String text) implements ModuleSource {}
}
