package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.runtime.internal.Traps;
import java.util.List;

/**
 * How a trap leaves compiled code: as a public {@link Trap} whose backtrace holds the compiled
 * frames it unwound through (read from the Java stack where it was raised, {@link Backtraces}).
 */
public final class Unwind {
  static {
    // Load what unwinding needs now, not when the Java stack is nearly exhausted.
    Backtraces.prepare();
    new TrapSignal(TrapKind.UNREACHABLE).kind();
    // Link convert's type switch too: its bootstrap (java.lang.runtime.SwitchBootstraps) run for
    // the first time by a StackOverflowError deep in recursion fails, and the JDK class then stays
    // unusable for the whole JVM (found by the hostile-guest tests, docs/limits.md).
    convert(new StackOverflowError());
    convert(new TrapSignal(TrapKind.UNREACHABLE));
    convert(new IllegalStateException());
    throughCallers(new Trap(TrapKind.UNREACHABLE, List.of()));
  }

  /** Initializes this class (see its static initializer) before compiled code can need it. */
  static void prepare() {
    // The static initializer does the work.
  }

  private Unwind() {}

  /**
   * {@code t} as a public trap, or null if it is not a trap and must pass unchanged. A {@link
   * StackOverflowError} (the JVM's stack ran out before the call depth limit) has no compiled
   * frames: the JVM leaves the frames of hidden classes out of a stack trace.
   */
  static Trap convert(Throwable t) {
    return switch (t) {
      case Trap p -> p;
      case TrapSignal s -> s.toTrap();
      case StackOverflowError e -> trap(TrapKind.CALL_STACK_EXHAUSTED, e);
      case OutOfMemoryError e -> trap(TrapKind.RESOURCE_EXHAUSTED, e);
      // Thrown by the memory's access segment: its bounds are the memory's (MemoryInstance).
      case ArrayIndexOutOfBoundsException _ -> null;
      case IndexOutOfBoundsException e -> trap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, null);
      default -> null;
    };
  }

  private static Trap trap(TrapKind kind, Throwable cause) {
    return new Trap(kind, kind.message(), List.of(), cause);
  }

  /** The trap of a failed call depth check. */
  public static TrapSignal exhausted() {
    return new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED);
  }

  /** The trap of {@code unreachable}. */
  public static TrapSignal unreachable() {
    return new TrapSignal(TrapKind.UNREACHABLE);
  }

  /**
   * {@code t} as it must leave compiled code: a public {@link Trap}, or unchanged if it is no trap
   * (a WASI exit, or a bug). Used where compiled code returns to the interpreter or to Java.
   */
  public static RuntimeException toPublic(Throwable t) {
    Trap trap = convert(t);
    if (trap != null) {
      return trap;
    }
    return sneaky(t);
  }

  /**
   * {@code t}, which a host function or the interpreter called from compiled code threw, as it
   * continues into its compiled callers: a trap with their frames appended (their caller's caller
   * is where they called out, see {@link Backtraces#callers}), or unchanged if it is no trap.
   */
  static RuntimeException throughCallers(Throwable t) {
    Trap trap = convert(t);
    if (trap == null) {
      return sneaky(t);
    }
    List<Trap.FrameInfo> callers = Backtraces.callers();
    return callers.isEmpty() ? trap : Traps.extend(trap, callers);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
