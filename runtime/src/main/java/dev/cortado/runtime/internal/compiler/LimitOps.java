package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.StoreState;

/**
 * The execution limits in generated code (docs/limits.md): where the interpreter has its {@code
 * LOOP} and {@code FUEL} instructions, a method calls these, at the same points ({@code FuelCosts}'
 * charge points, loop headers, function entries), so that both tiers stop at the same place. Small
 * enough for HotSpot to inline.
 */
public final class LimitOps {
  private LimitOps() {}

  /** Traps with {@code INTERRUPTED} if the store's code must stop. A volatile read. */
  public static void checkInterrupt(CompiledInstance ctx) {
    if (ctx.state.interruption != 0) {
      throw StoreState.interrupted();
    }
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
