package dev.cortado.wasm;

/**
 * The root of every error Cortado reports about WebAssembly code: malformed or invalid modules,
 * link and instantiation failures, and traps.
 *
 * <p>{@link #reason()} is what went wrong, in the specification's words where it has them (the
 * testsuite's messages, e.g. {@code "unexpected end"}); {@link #location()} says where, or is null.
 */
public class WasmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String location;

  public WasmException(String reason, String location) {
    this(reason, location, null);
  }

  public WasmException(String reason, String location, Throwable cause) {
    super(location == null ? reason : location + ": " + reason, cause);
    this.reason = reason;
    this.location = location;
  }

  /** What went wrong, without the location. */
  public String reason() {
    return reason;
  }

  /** Where it went wrong (e.g. {@code "offset 0x1f"}, {@code "3:14"}), or null. */
  public String location() {
    return location;
  }
}
