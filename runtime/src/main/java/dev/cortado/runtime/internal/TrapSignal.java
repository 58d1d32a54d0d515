package dev.cortado.runtime.internal;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import java.util.List;
import java.util.function.Supplier;

/**
 * How runtime semantics (numerics, memory, tables) signal a trap to the code executing them. It
 * carries no Java stack trace; the interpreter (or compiled code) catches it and turns it into a
 * public {@link Trap} with the wasm backtrace it knows.
 *
 * <p>Compiled code has no handlers to record its frames as a trap unwinds through it: once compiled
 * code exists, a signal takes the compiled frames under it from the Java stack when it is made
 * ({@link #captureCompiledFrames}), a walk that ends at the first frame of the interpreter or of
 * the code that entered compiled code.
 */
public final class TrapSignal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Null until compiled code first runs (the compiler's {@code Backtraces}). */
  private static volatile Supplier<List<Trap.FrameInfo>> compiledFrames;

  private final TrapKind kind;

  /**
   * The compiled frames this signal unwinds through before it leaves compiled code, innermost
   * first.
   */
  private final transient List<Trap.FrameInfo> frames;

  public TrapSignal(TrapKind kind) {
    this(kind, (Throwable) null);
  }

  public TrapSignal(TrapKind kind, Throwable cause) {
    super(kind.message(), cause, false, false);
    this.kind = kind;
    this.frames = capture();
  }

  /**
   * A trap whose reason says more than the kind's message, e.g. {@code "undefined element 7"} (the
   * reference interpreter's wording, which the testsuite expects).
   */
  public TrapSignal(TrapKind kind, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
    this.frames = capture();
  }

  /**
   * Makes every signal from now on record the compiled frames under it: {@code frames} walks the
   * Java stack from where it is called down to where compiled code was entered.
   */
  public static void captureCompiledFrames(Supplier<List<Trap.FrameInfo>> frames) {
    compiledFrames = frames;
  }

  private static List<Trap.FrameInfo> capture() {
    Supplier<List<Trap.FrameInfo>> c = compiledFrames;
    return c == null ? List.of() : c.get();
  }

  public TrapKind kind() {
    return kind;
  }

  /** The trap's reason: the kind's message, perhaps with detail. */
  public String reason() {
    return getMessage();
  }

  /**
   * This signal as a public trap, with the compiled frames it was raised under (none if it was
   * raised outside compiled code: callers outside wasm code, the interpreter, which adds its own).
   */
  public Trap toTrap() {
    return new Trap(kind, getMessage(), frames, getCause());
  }
}
