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

  /**
   * Loop iterations (per method activation) or function entries (per instance) between two reads of
   * the interruption flag. A volatile read in a loop is an acquire barrier to the JIT: every field
   * the loop uses (the memory segment's bounds, for one) is read again after it, and range checks
   * stay in the loop; spectral norm ran 1.6 times slower with a read per iteration. Counting down
   * in a local costs a register decrement; the flag is then read at most every this many
   * iterations, microseconds apart (docs/limits.md).
   */
  public static final int POLL_INTERVAL = 1024;

  /**
   * At function entry: counts down the instance's poll counter and reads the interruption flag when
   * it runs out. {@link Execution} zeroes the counter before each call from the host, so that the
   * first function entered checks at once.
   */
  public static void pollAtEntry(CompiledInstance ctx) {
    int left = ctx.poll - 1;
    if (left < 0) {
      checkInterrupt(ctx);
      left = POLL_INTERVAL;
    }
    ctx.poll = left;
  }

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
