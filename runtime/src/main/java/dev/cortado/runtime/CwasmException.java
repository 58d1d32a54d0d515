package dev.cortado.runtime;

import dev.cortado.wasm.WasmException;

/**
 * A {@code .cwasm} file cannot be used: it is corrupt, not a {@code .cwasm} file, or was compiled
 * by another runtime version or with other settings (see {@link CompiledCode#readCwasm}).
 */
public class CwasmException extends WasmException {
  private static final long serialVersionUID = 1L;

  public CwasmException(String reason, String location, Throwable cause) {
    super(reason, location, cause);
  }
}
