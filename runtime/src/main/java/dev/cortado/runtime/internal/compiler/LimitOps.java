package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.StoreState;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VolatileCallSite;

/**
 * The execution limits in generated code (docs/limits.md): where the interpreter has its {@code
 * LOOP} and {@code FUEL} instructions, a method polls and charges here, at the same points ({@code
 * FuelCosts}' charge points, loop headers, function entries), so that both tiers stop at the same
 * place.
 *
 * <p>Interruption polls cost nothing while no store is interrupted. Each poll is an {@code
 * invokedynamic} bound to one call site for the whole JVM, whose target does nothing; HotSpot
 * inlines it to no code at all, depending on the target. When a store with running code is
 * interrupted ({@link #requestChecks}), the target becomes {@link #checkInterrupt}: changing it
 * deoptimizes every compiled method that inlined the old one, running loops included (at their next
 * safepoint poll), and from then on every poll reads the store's flag. When that store's code has
 * returned or trapped ({@link #releaseChecks}), the target goes back. A volatile read at every poll
 * instead would be an acquire barrier in every loop, after which C2 reloads every field the loop
 * uses and keeps its range checks: spectral norm and fannkuch ran twice as slow.
 */
public final class LimitOps {
  private static final MethodHandle NO_CHECK =
      MethodHandles.empty(MethodType.methodType(void.class, CompiledInstance.class));
  private static final MethodHandle CHECK;

  static {
    try {
      CHECK =
          MethodHandles.lookup()
              .findStatic(
                  LimitOps.class,
                  "checkInterrupt",
                  MethodType.methodType(void.class, CompiledInstance.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The target of every poll: {@link #NO_CHECK}, or {@link #CHECK} while checks are requested. */
  private static final VolatileCallSite POLL = new VolatileCallSite(NO_CHECK);

  /** Stores whose running code must check their flag (guarded by the class). */
  private static int requests;

  private LimitOps() {}

  /** The bootstrap of the poll {@code invokedynamic}s: the JVM-wide poll site. */
  public static CallSite pollSite(MethodHandles.Lookup caller, String name, MethodType type) {
    if (!type.equals(POLL.type())) {
      throw new IllegalStateException("poll as " + type + ", expected " + POLL.type());
    }
    return POLL;
  }

  /** Makes every poll of compiled code read its store's interruption flag, until released. */
  public static synchronized void requestChecks() {
    if (requests++ == 0) {
      POLL.setTarget(CHECK);
    }
  }

  /** Withdraws one {@link #requestChecks}; polls do nothing again when none is left. */
  public static synchronized void releaseChecks() {
    if (--requests == 0) {
      POLL.setTarget(NO_CHECK);
    }
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
