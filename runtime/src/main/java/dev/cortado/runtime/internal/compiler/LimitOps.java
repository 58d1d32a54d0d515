package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.InterruptPolls;
import dev.cortado.runtime.internal.StoreState;
import java.lang.invoke.MutableCallSite;

/**
 * The execution limits in generated code (docs/limits.md): where the interpreter has its {@code
 * LOOP} and {@code FUEL} instructions, a method polls and charges here, at the same points ({@code
 * FuelCosts}' charge points, loop headers, function entries), so that both tiers stop at the same
 * place. Interruption polls call {@link #poll}, bound to {@link InterruptPolls}' call site, which
 * costs nothing until an interruption.
 */
public final class LimitOps {
  /**
   * The poll's call site. A constant, so C2 folds the read of its target into the target's code
   * (none) with a dependency on the site, as for an {@code invokedynamic} bound to it. (Not through
   * its {@code dynamicInvoker()}: that calls {@code CallSite.getTarget}, which C2 does not inline
   * there, at every poll.)
   */
  private static final MutableCallSite SITE = InterruptPolls.compiledSite();

  private LimitOps() {}

  /**
   * Polls for interruption: nothing, unless a store whose code is running was interrupted, then
   * {@link #checkInterrupt}.
   *
   * <p>A static call rather than an {@code invokedynamic} per poll: HotSpot links each {@code
   * invokedynamic} instruction on its first run, and C2 compiles one that has not run yet as an
   * uncommon trap, so the first run of any poll after C2 compiled its method (a loop that had not
   * run yet, late in a long {@code main}) deoptimized the method, and its next compilation came
   * after a stretch in the JVM's interpreter (lz: 4 of the 14 deoptimizations of a whole run, each
   * followed by a new on-stack-replacement compilation of its {@code main}). A static call's
   * reference is linked once for the whole class.
   */
  public static void poll(CompiledInstance ctx) {
    try {
      SITE.getTarget().invokeExact(ctx);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Traps with {@code INTERRUPTED} if the store's code must stop. A volatile read. */
  public static void checkInterrupt(CompiledInstance ctx) {
    ctx.state.checkInterrupt();
  }

  /**
   * Charges {@code cost} fuel for the stretch of code about to run; traps with {@code OUT_OF_FUEL},
   * leaving the fuel as it was, if the store holds less.
   */
  public static void chargeFuel(CompiledInstance ctx, int cost) {
    StoreState s = ctx.state;
    long left = s.fuel - cost;
    if (left < 0) {
      throw StoreState.outOfFuel();
    }
    s.fuel = left;
  }
}
