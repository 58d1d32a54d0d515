package dev.cortado.runtime.internal;

import dev.cortado.runtime.Trap;
import java.util.ArrayList;
import java.util.List;

/** Traps remade with another wasm backtrace, as they cross from one tier or caller to another. */
public final class Traps {
  private Traps() {}

  /** {@code trap} with {@code outer}, the frames of the wasm code that called it, appended. */
  public static Trap extend(Trap trap, List<Trap.FrameInfo> outer) {
    List<Trap.FrameInfo> frames = new ArrayList<>(trap.backtrace());
    frames.addAll(outer);
    return withBacktrace(trap, frames);
  }

  /**
   * {@code trap} with {@code frames} as its backtrace: same kind, reason, cause and stack trace.
   */
  public static Trap withBacktrace(Trap trap, List<Trap.FrameInfo> frames) {
    Trap remade = new Trap(trap.kind(), trap.reason(), frames, trap.getCause());
    remade.setStackTrace(trap.getStackTrace());
    return remade;
  }
}
