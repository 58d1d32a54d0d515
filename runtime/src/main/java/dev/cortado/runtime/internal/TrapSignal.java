package dev.cortado.runtime.internal;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import java.util.List;

/**
 * How runtime semantics (numerics, memory, tables) signal a trap to the code executing them. It
 * carries no Java stack trace, so throwing it is cheap; the interpreter (or compiled code) catches
 * it and turns it into a public {@link Trap} with the wasm backtrace it knows.
 */
public final class TrapSignal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final TrapKind kind;

  public TrapSignal(TrapKind kind) {
    this(kind, (Throwable) null);
  }

  public TrapSignal(TrapKind kind, Throwable cause) {
    super(kind.message(), cause, false, false);
    this.kind = kind;
  }

  /**
   * A trap whose reason says more than the kind's message, e.g. {@code "undefined element 7"} (the
   * reference interpreter's wording, which the testsuite expects).
   */
  public TrapSignal(TrapKind kind, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
  }

  public TrapKind kind() {
    return kind;
  }

  /** The trap's reason: the kind's message, perhaps with detail. */
  public String reason() {
    return getMessage();
  }

  /** This signal as a public trap without a wasm backtrace (for callers outside wasm code). */
  public Trap toTrap() {
    return new Trap(kind, getMessage(), List.of(), getCause());
  }
}
