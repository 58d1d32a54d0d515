package dev.cortado.runtime;

import dev.cortado.wasm.WasmException;

/**
 * An import could not be resolved: missing ({@code "unknown import"}) or of the wrong type ({@code
 * "incompatible import type"}). The location names the import as {@code module.name}.
 */
public class LinkException extends WasmException {
  private static final long serialVersionUID = 1L;

  public LinkException(String reason, String location) {
    super(reason, location);
  }
}
