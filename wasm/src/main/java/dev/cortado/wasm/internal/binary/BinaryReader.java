package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.WasmModule;

/** Decodes the binary format (spec 5) into a {@link WasmModule}, without validating it. */
public final class BinaryReader {
  private BinaryReader() {}

  /**
   * Decodes {@code bytes}; throws {@link dev.cortado.wasm.MalformedModuleException} with the byte
   * offset on malformed input.
   */
  public static WasmModule read(byte[] bytes) {
    throw new UnsupportedOperationException("TODO");
  }
}
