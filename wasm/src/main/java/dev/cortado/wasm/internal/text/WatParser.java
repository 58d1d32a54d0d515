package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.WasmModule;

/** Parses the text format (spec 6) into a {@link WasmModule}, without validating it. */
public final class WatParser {
  private WatParser() {}

  /**
   * Parses one module: {@code (module ...)} or a bare sequence of module fields. Throws {@link
   * dev.cortado.wasm.MalformedModuleException} with {@code line:column} on malformed text.
   */
  public static WasmModule parse(String text) {
    throw new UnsupportedOperationException("TODO");
  }
}
