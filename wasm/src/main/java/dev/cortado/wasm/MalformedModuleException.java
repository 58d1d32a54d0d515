package dev.cortado.wasm;

/**
 * Bytes or text that do not parse as a module (spec "malformed"). The location is a byte offset
 * ({@code "offset 0x1f"}) or a text position ({@code "line:column"}).
 */
public class MalformedModuleException extends WasmException {
  private static final long serialVersionUID = 1L;

  public MalformedModuleException(String reason, String location) {
    super(reason, location);
  }

  public MalformedModuleException(String reason, String location, Throwable cause) {
    super(reason, location, cause);
  }
}
