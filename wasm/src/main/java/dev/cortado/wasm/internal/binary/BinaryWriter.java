package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.WasmModule;

/** Encodes a {@link WasmModule} in the binary format (spec 5). */
public final class BinaryWriter {
  private BinaryWriter() {}

  public static byte[] write(WasmModule module) {
    throw new UnsupportedOperationException("TODO");
  }
}
