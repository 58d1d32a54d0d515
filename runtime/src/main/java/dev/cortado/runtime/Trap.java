package dev.cortado.runtime;

import dev.cortado.wasm.WasmException;
import java.util.List;

/**
 * A WebAssembly trap: the guest stopped abnormally. Carries a {@link TrapKind} and the wasm
 * backtrace at the point of the trap, innermost frame first.
 */
public class Trap extends WasmException {
  private static final long serialVersionUID = 1L;

  private final TrapKind kind;
  private final transient List<FrameInfo> backtrace;

  public Trap(TrapKind kind, List<FrameInfo> backtrace) {
    this(kind, kind.message(), backtrace, null);
  }

  public Trap(TrapKind kind, String reason, List<FrameInfo> backtrace, Throwable cause) {
    super(reason, null, cause);
    this.kind = kind;
    this.backtrace = List.copyOf(backtrace);
  }

  public TrapKind kind() {
    return kind;
  }

  /** The wasm frames active when the trap happened, innermost first. */
  public List<FrameInfo> backtrace() {
    return backtrace;
  }

  /** The backtrace, one frame a line, as the CLI prints it. */
  public String formatBacktrace() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < backtrace.size(); i++) {
      sb.append(String.format("  %2d: %s%n", i, backtrace.get(i)));
    }
    return sb.toString();
  }

  /**
   * One wasm frame of a backtrace.
   *
   * @param moduleName the module's name (name section or text {@code $id}), or null
   * @param functionIndex the function's index in its module
   * @param functionName the function's name (name section, text {@code $id}, or export), or null
   * @param offset the byte (binary) or character (text) offset of the instruction, or -1
   */
  public record FrameInfo(String moduleName, int functionIndex, String functionName, int offset) {
    @Override
    public String toString() {
      String name = functionName != null ? functionName : "func[" + functionIndex + "]";
      String mod = moduleName != null ? moduleName + "!" : "";
      return offset >= 0 ? mod + name + " @ 0x" + Integer.toHexString(offset) : mod + name;
    }
  }
}
