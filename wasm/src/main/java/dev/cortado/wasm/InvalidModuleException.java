package dev.cortado.wasm;

/**
 * A well-formed module that fails validation (spec 3). The location names the function and the
 * instruction (e.g. {@code "func 3, offset 0x2a"} or {@code "func 3, 12:7"}).
 */
public class InvalidModuleException extends WasmException {
  private static final long serialVersionUID = 1L;

  public InvalidModuleException(String reason, String location) {
    super(reason, location);
  }
}
