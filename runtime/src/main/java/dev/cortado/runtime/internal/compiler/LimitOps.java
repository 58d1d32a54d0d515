package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.InterruptPolls;
import dev.cortado.runtime.internal.StoreState;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The execution limits in generated code (docs/limits.md): where the interpreter has its {@code
 * LOOP} and {@code FUEL} instructions, a method polls and charges here, at the same points ({@code
 * FuelCosts}' charge points, loop headers, function entries), so that both tiers stop at the same
 * place. Interruption polls are {@code invokedynamic}s bound to {@link InterruptPolls}' call site,
 * which costs nothing until an interruption.
 */
public final class LimitOps {
  private LimitOps() {}

  /** The bootstrap of the poll {@code invokedynamic}s: the JVM-wide poll site. */
  public static CallSite pollSite(MethodHandles.Lookup caller, String name, MethodType type) {
    CallSite site = InterruptPolls.compiledSite();
    if (!type.equals(site.type())) {
      throw new IllegalStateException("poll as " + type + ", expected " + site.type());
    }
    return site;
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
