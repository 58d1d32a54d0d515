package dev.cortado.runtime.internal;

import dev.cortado.runtime.internal.compiler.CompiledInstance;
import dev.cortado.runtime.internal.compiler.LimitOps;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * Interruption polls that cost nothing until an interruption (docs/limits.md). Running code polls
 * at loop headers and function entries: the interpreter through {@link #poll}, compiled code
 * through {@code LimitOps.poll}, which invokes {@link #compiledSite}'s target. Both go through one
 * call site for the whole JVM whose target does nothing, and HotSpot inlines it to no code at all,
 * depending on the target. When a store whose code is running is interrupted, {@link #request}
 * switches the targets to the read of the store's flag: changing a target deoptimizes every method
 * that inlined the old one, running loops included (at their next safepoint poll), so from then on
 * every poll reads its store's flag. When that store's code has returned or trapped, {@link
 * #release} switches them back.
 *
 * <p>A volatile read at every poll would be correct too, but C2 compiles it as a load and an
 * acquire barrier, after which every field the loop uses (the memory segment's bounds, say) is
 * loaded again and range checks stay in the loop: spectral norm and fannkuch ran twice as slow in
 * compiled code. The price of this scheme is paid per interruption instead: the code of every store
 * recompiles after one.
 */
public final class InterruptPolls {
  private static final MethodHandle CHECK_STATE;
  private static final MethodHandle CHECK_COMPILED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CHECK_STATE =
          lookup.findVirtual(StoreState.class, "checkInterrupt", MethodType.methodType(void.class));
      CHECK_COMPILED =
          lookup.findStatic(
              LimitOps.class,
              "checkInterrupt",
              MethodType.methodType(void.class, CompiledInstance.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final MethodHandle NO_STATE_CHECK = MethodHandles.empty(CHECK_STATE.type());
  private static final MethodHandle NO_COMPILED_CHECK = MethodHandles.empty(CHECK_COMPILED.type());

  private static final MutableCallSite INTERPRETER = new MutableCallSite(NO_STATE_CHECK);
  private static final MutableCallSite COMPILED = new MutableCallSite(NO_COMPILED_CHECK);

  /**
   * The interpreter's poll as a method handle, {@code (StoreState)void}, for a loop that calls it
   * itself: C2 inlines a constant method handle's target even in a method so big that it no longer
   * inlines calls such as {@link #poll} (NodeCountInliningCutoff).
   */
  public static final MethodHandle INTERPRETER_POLL = INTERPRETER.dynamicInvoker();

  /** Stores whose running code must poll their flag (guarded by the class). */
  private static int requests;

  private InterruptPolls() {}

  /** The interpreter's poll: traps with {@code INTERRUPTED} if requested and {@code state} is. */
  public static void poll(StoreState state) {
    try {
      INTERPRETER_POLL.invokeExact(state);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The call site that compiled code's polls are bound to ({@code LimitOps.poll}). */
  public static MutableCallSite compiledSite() {
    return COMPILED;
  }

  /** Makes every poll read its store's interruption flag, until {@link #release}d. */
  static synchronized void request() {
    if (requests++ == 0) {
      retarget(CHECK_STATE, CHECK_COMPILED);
    }
  }

  /** Withdraws one {@link #request}; polls do nothing again when none is left. */
  static synchronized void release() {
    if (--requests == 0) {
      retarget(NO_STATE_CHECK, NO_COMPILED_CHECK);
    }
  }

  private static void retarget(MethodHandle interpreter, MethodHandle compiled) {
    INTERPRETER.setTarget(interpreter);
    COMPILED.setTarget(compiled);
    // Threads running in the JVM's bytecode interpreter see the new targets at once too.
    MutableCallSite.syncAll(new MutableCallSite[] {INTERPRETER, COMPILED});
  }
}
