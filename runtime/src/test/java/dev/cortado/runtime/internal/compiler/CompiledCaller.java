package dev.cortado.runtime.internal.compiler;

import java.util.Optional;

/** For tests' host functions: whether the wasm code calling them runs compiled or interpreted. */
public final class CompiledCaller {
  // Generated classes are hidden classes: their frames show only with SHOW_HIDDEN_FRAMES.
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES);

  private CompiledCaller() {}

  /** Whether the innermost wasm frame on this thread's stack is compiled code. */
  public static boolean calledFromCompiledCode() {
    Optional<Boolean> compiled =
        WALKER.walk(
            frames ->
                frames
                    .map(StackWalker.StackFrame::getClassName)
                    .filter(c -> c.contains("WasmCode") || c.endsWith("interpreter.Interpreter"))
                    .findFirst()
                    .map(c -> c.contains("WasmCode")));
    return compiled.orElseThrow();
  }
}
