package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.runtime.internal.interpreter.ModuleCode;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The wasm frames of compiled code, read from the Java stack when a trap is raised.
 *
 * <p>Generated methods have no exception handler to record their frame as a trap unwinds: a handler
 * over a whole method made both class file verifiers match every instruction's frame against the
 * handler's, which with the stores of the local it read took a fifth of the compilation of a big
 * module (docs/compiler.md, "Traps and backtraces"). Instead each method has a line number table
 * whose "line" at an instruction that can trap or call is its ordinal plus one ({@link #line});
 * {@link #NO_FRAME} marks code whose frame is not recorded (the prologue's call depth check, where
 * the caller is the innermost frame, and the call of a chunk, which records the function's frame
 * itself). A {@link StackWalker} that shows hidden frames sees the generated methods, their lines
 * and their classes, which name their module's {@link CompiledModule} ({@link #register}).
 *
 * <p>A walk takes the compiled frames down to the first frame where compiled code was entered from
 * elsewhere ({@link #entersCompiledCode}): the frames below belong to whoever called it, which adds
 * them when the trap reaches it (the interpreter its own; {@link Invokers} walks again where
 * compiled code called a host function or the interpreter).
 */
final class Backtraces {
  /** The line of code whose frame is not recorded. */
  static final int NO_FRAME = 0;

  private static final String CODE_PREFIX = ClassEmitter.PACKAGE + ".WasmCode/";
  private static final String INTERPRETER_PACKAGE = ModuleCode.class.getPackageName();

  private static final StackWalker WALKER =
      StackWalker.getInstance(
          Set.of(StackWalker.Option.SHOW_HIDDEN_FRAMES, StackWalker.Option.RETAIN_CLASS_REFERENCE));

  /**
   * The compiled module of each generated class, set when it is defined (on a compiler thread; read
   * by the thread a trap is raised on, hence a volatile reference).
   */
  private static final ClassValue<AtomicReference<CompiledModule>> OWNER =
      new ClassValue<>() {
        @Override
        protected AtomicReference<CompiledModule> computeValue(Class<?> type) {
          return new AtomicReference<>();
        }
      };

  static {
    // Every trap raised from now on records the compiled frames under it.
    TrapSignal.captureCompiledFrames(Backtraces::innermost);
  }

  private Backtraces() {}

  /** Initializes this class (see its static initializer) before compiled code can need it. */
  static void prepare() {
    innermost();
  }

  /** The line of recorded instruction {@code ordinal}. */
  static int line(int ordinal) {
    return ordinal + 1;
  }

  /** Records that generated class {@code c} holds code of {@code module}. */
  static void register(Class<?> c, CompiledModule module) {
    OWNER.get(c).set(module);
  }

  /**
   * The compiled frames under the caller, innermost first, down to where compiled code was entered:
   * those a trap raised here unwinds through before it leaves compiled code.
   */
  static List<Trap.FrameInfo> innermost() {
    return WALKER.walk(s -> frames(s, false));
  }

  /**
   * The compiled frames under the caller's caller, which is where compiled code called a host
   * function or the interpreter ({@link #entersCompiledCode}), down to where compiled code was
   * entered before that.
   */
  static List<Trap.FrameInfo> callers() {
    return WALKER.walk(s -> frames(s, true));
  }

  private static List<Trap.FrameInfo> frames(Stream<StackWalker.StackFrame> stack, boolean below) {
    List<Trap.FrameInfo> frames = new ArrayList<>();
    boolean skipping = below;
    for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) stack::iterator) {
      Class<?> c = f.getDeclaringClass();
      if (entersCompiledCode(c, f.getMethodName())) {
        if (!skipping) {
          break;
        }
        skipping = false;
        continue;
      }
      if (!skipping && c.isHidden() && c.getName().startsWith(CODE_PREFIX)) {
        Trap.FrameInfo frame = frame(OWNER.get(c).get(), f.getMethodName(), f.getLineNumber());
        if (frame != null) {
          frames.add(frame);
        }
      }
    }
    return frames;
  }

  /**
   * Whether a method of {@code c} named {@code method} is where compiled code is entered from Java,
   * the interpreter, a host function (all through {@link Execution} or {@link TierBridge}) or where
   * it calls out to a host function or the interpreter, which run no compiled frames themselves
   * ({@link Invokers}); the interpreter's own frames too.
   */
  private static boolean entersCompiledCode(Class<?> c, String method) {
    return switch (method) {
      case "callCompiled" -> c == Execution.class || c == TierBridge.class;
      case "onStackReplace" -> c == TierBridge.class;
      case "callHost", "callInterpreted" -> c == Invokers.class;
      default -> c.getPackageName().equals(INTERPRETER_PACKAGE);
    };
  }

  /**
   * The frame of generated method {@code method} of {@code code} at {@code line}, or null if it is
   * not a function's recorded frame.
   */
  private static Trap.FrameInfo frame(CompiledModule code, String method, int line) {
    JvmTypes.GeneratedMethod m = JvmTypes.generatedMethod(method);
    if (code == null || line <= NO_FRAME || m == null) {
      return null; // not a function's recorded frame, or a dispatcher (IndirectDispatch)
    }
    WasmModule module = code.module();
    return new Trap.FrameInfo(
        module.names().moduleName(),
        m.function(),
        ModuleCode.of(module).functionName(m.function()),
        code.sourceOffset(module, m.function(), m.id(), line - 1));
  }
}
