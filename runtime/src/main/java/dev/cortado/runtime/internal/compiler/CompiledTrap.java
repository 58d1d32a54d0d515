package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A trap unwinding through compiled code. Each compiled frame it passes appends itself to {@link
 * #frames} (innermost first), so a trap at call depth n costs O(n), not O(n²) as rebuilding an
 * immutable {@link Trap} per frame would; where compiled code returns to the interpreter or to Java
 * it becomes a public {@link Trap} ({@link #toTrap()}). It carries no Java stack trace.
 */
final class CompiledTrap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final TrapKind kind;
  final String reason;
  final transient ArrayList<Trap.FrameInfo> frames;

  /** The public trap this one continues (raised by a host function or the interpreter), or null. */
  private final transient Trap origin;

  CompiledTrap(TrapKind kind, String reason, Throwable cause) {
    super(reason, cause, false, false);
    this.kind = kind;
    this.reason = reason;
    this.frames = new ArrayList<>();
    this.origin = null;
  }

  /** Continues {@code trap}, whose frames are the innermost ones. */
  CompiledTrap(Trap trap) {
    super(trap.reason(), trap.getCause(), false, false);
    this.kind = trap.kind();
    this.reason = trap.reason();
    this.frames = new ArrayList<>(trap.backtrace());
    this.origin = trap;
  }

  Trap toTrap() {
    Trap trap = new Trap(kind, reason, List.copyOf(frames), getCause());
    if (origin != null) {
      trap.setStackTrace(origin.getStackTrace());
    }
    return trap;
  }
}
