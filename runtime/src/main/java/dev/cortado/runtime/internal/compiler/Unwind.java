package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.TrapSignal;

/**
 * What the exception handler of every generated method calls: it turns whatever unwinds through the
 * method into a {@link CompiledTrap} and appends the method's wasm frame.
 *
 * <p>Each generated method keeps the ordinal of the instruction it is executing (one that can trap
 * or call) in a local, {@code pos}; stores of constants to a local cost nothing once HotSpot has
 * compiled the method (they only end up in the debug information of call and trap sites). The
 * ordinal indexes the function's table of source offsets. Negative ordinals mean the frame is not
 * to be recorded: {@link #NOT_STARTED} (the call depth check in the prologue failed: the caller is
 * the innermost frame, as in the interpreter) and {@link #IN_SPLIT_METHOD} (a method the function
 * was split into has recorded the frame already).
 */
public final class Unwind {
  public static final int NOT_STARTED = -1;
  public static final int IN_SPLIT_METHOD = -2;

  static {
    // Load what unwinding needs now, not when the Java stack is nearly exhausted.
    new CompiledTrap(TrapKind.CALL_STACK_EXHAUSTED, "", null).frames.add(null);
    new TrapSignal(TrapKind.UNREACHABLE).kind();
    // Link convert's type switch too: its bootstrap (java.lang.runtime.SwitchBootstraps) run for
    // the first time by a StackOverflowError deep in recursion fails, and the JDK class then stays
    // unusable for the whole JVM (found by the hostile-guest tests, docs/limits.md).
    convert(new StackOverflowError());
    convert(new TrapSignal(TrapKind.UNREACHABLE));
    convert(new IllegalStateException());
  }

  /** Initializes this class (see its static initializer) before compiled code can need it. */
  static void prepare() {
    // The static initializer does the work.
  }

  private Unwind() {}

  /**
   * The exception to rethrow after {@code t} unwound through method {@code method} (see {@code
   * FunctionCompiler.MAIN}) of function {@code func}, at recorded instruction {@code pos}.
   */
  public static Throwable frame(Throwable t, int pos, CompiledInstance ctx, int func, int method) {
    CompiledTrap trap = convert(t);
    if (trap == null) {
      return t;
    }
    if (pos >= 0) {
      ModuleInstance inst = ctx.instance;
      trap.frames.add(
          new Trap.FrameInfo(
              inst.module().names().moduleName(),
              func,
              inst.functionName(func),
              ctx.code.sourceOffset(inst.module(), func, method, pos)));
    }
    return trap;
  }

  /** {@code t} as a compiled trap, or null if it is not a trap and must pass unchanged. */
  static CompiledTrap convert(Throwable t) {
    return switch (t) {
      case CompiledTrap c -> c;
      case TrapSignal s -> new CompiledTrap(s.kind(), s.getMessage(), s.getCause());
      case Trap p -> new CompiledTrap(p);
      case StackOverflowError e -> trap(TrapKind.CALL_STACK_EXHAUSTED, e);
      case OutOfMemoryError e -> trap(TrapKind.RESOURCE_EXHAUSTED, e);
      // Thrown by the memory's access segment: its bounds are the memory's (MemoryInstance).
      case ArrayIndexOutOfBoundsException _ -> null;
      case IndexOutOfBoundsException e -> trap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, null);
      default -> null;
    };
  }

  private static CompiledTrap trap(TrapKind kind, Throwable cause) {
    return new CompiledTrap(kind, kind.message(), cause);
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
    CompiledTrap trap = convert(t);
    if (trap != null) {
      return trap.toTrap();
    }
    return sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
