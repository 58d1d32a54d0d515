package dev.cortado.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link Store}; each {@code with*} returns a changed copy.
 *
 * <pre>{@code
 * Store store = new Store(StoreConfig.defaults()
 *     .withMaxCallDepth(10_000)
 *     .withTier(Tier.COMPILED)
 *     .withLimits(StoreLimits.unlimited().withMaxMemoryBytes(64L << 20))
 *     .withFuel(1_000_000)
 *     .withTimeout(Duration.ofSeconds(5)));
 * }</pre>
 *
 * @param maxCallDepth how many nested wasm calls may be active before a {@link
 *     TrapKind#CALL_STACK_EXHAUSTED} trap
 * @param tier how code runs: interpreted, compiled, or tiered (the default)
 * @param tierUpThreshold in {@link Tier#TIERED}, how many calls plus loop iterations a function
 *     runs in the interpreter before it is compiled
 * @param backgroundCompilation in {@link Tier#TIERED}, whether hot functions are compiled on a
 *     background thread (the default) or at once on the thread that runs them (deterministic, for
 *     tests)
 * @param compiledMethodLimit the bytecode size above which the compiler splits a function into
 *     several JVM methods (HotSpot does not JIT-compile methods above 8000 bytes, and C2 inlines no
 *     more than 8000 bytes into one compilation; on a JVM started with {@code
 *     -XX:-DontCompileHugeMethods -XX:-ClipInlining}, as the {@code cortado} launchers start it, a
 *     limit of 32000 leaves more functions whole and runs them faster: docs/compiler.md, "Bigger
 *     methods where the JVM compiles them well")
 * @param codeCache a directory where compiled modules are kept between runs, or null for none
 * @param limits caps on the memories, tables and instances the store's guests allocate (see
 *     docs/limits.md)
 * @param fuel the fuel a new store starts with, or {@link #UNMETERED} for no fuel accounting (see
 *     {@link Store#fuel()}); metered code runs somewhat slower
 * @param timeout how long each call from the host into the store's code may run before it traps
 *     with {@link TrapKind#INTERRUPTED}, or null for no limit
 */
public record StoreConfig(
    int maxCallDepth,
    Tier tier,
    int tierUpThreshold,
    boolean backgroundCompilation,
    int compiledMethodLimit,
    Path codeCache,
    StoreLimits limits,
    long fuel,
    Duration timeout) {
  /** The default call depth limit. */
  public static final int DEFAULT_MAX_CALL_DEPTH = 20_000;

  /** The default tier-up threshold: calls plus loop iterations. */
  public static final int DEFAULT_TIER_UP_THRESHOLD = 2_000;

  /** The default method size limit, HotSpot's {@code HugeMethodLimit}. */
  public static final int DEFAULT_COMPILED_METHOD_LIMIT = 8_000;

  /** The smallest method size limit: below it a single instruction's code may not fit. */
  public static final int MIN_COMPILED_METHOD_LIMIT = 200;

  /** The {@link #fuel()} of a store that does not account fuel. */
  public static final long UNMETERED = -1;

  public StoreConfig {
    if (maxCallDepth < 1) {
      throw new IllegalArgumentException("maxCallDepth must be positive: " + maxCallDepth);
    }
    Objects.requireNonNull(tier, "tier");
    if (tierUpThreshold < 0) {
      throw new IllegalArgumentException(
          "tierUpThreshold must not be negative: " + tierUpThreshold);
    }
    if (compiledMethodLimit < MIN_COMPILED_METHOD_LIMIT || compiledMethodLimit > 65_535) {
      throw new IllegalArgumentException(
          "compiledMethodLimit must be between "
              + MIN_COMPILED_METHOD_LIMIT
              + " and 65535: "
              + compiledMethodLimit);
    }
    Objects.requireNonNull(limits, "limits");
    if (fuel < UNMETERED) {
      throw new IllegalArgumentException("fuel must not be negative: " + fuel);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  public static StoreConfig defaults() {
    return new StoreConfig(
        DEFAULT_MAX_CALL_DEPTH,
        Tier.TIERED,
        DEFAULT_TIER_UP_THRESHOLD,
        true,
        DEFAULT_COMPILED_METHOD_LIMIT,
        null,
        StoreLimits.unlimited(),
        UNMETERED,
        null);
  }

  public StoreConfig withMaxCallDepth(int depth) {
    return new StoreConfig(
        depth,
        tier,
        tierUpThreshold,
        backgroundCompilation,
        compiledMethodLimit,
        codeCache,
        limits,
        fuel,
        timeout);
  }

  public StoreConfig withTier(Tier newTier) {
    return new StoreConfig(
        maxCallDepth,
        newTier,
        tierUpThreshold,
        backgroundCompilation,
        compiledMethodLimit,
        codeCache,
        limits,
        fuel,
        timeout);
  }

  public StoreConfig withTierUpThreshold(int threshold) {
    return new StoreConfig(
        maxCallDepth,
        tier,
        threshold,
        backgroundCompilation,
        compiledMethodLimit,
        codeCache,
        limits,
        fuel,
        timeout);
  }

  public StoreConfig withBackgroundCompilation(boolean background) {
    return new StoreConfig(
        maxCallDepth,
        tier,
        tierUpThreshold,
        background,
        compiledMethodLimit,
        codeCache,
        limits,
        fuel,
        timeout);
  }

  public StoreConfig withCompiledMethodLimit(int limit) {
    return new StoreConfig(
        maxCallDepth,
        tier,
        tierUpThreshold,
        backgroundCompilation,
        limit,
        codeCache,
        limits,
        fuel,
        timeout);
  }

  /** Keeps compiled modules in {@code directory} (created owner-only), or in no cache if null. */
  public StoreConfig withCodeCache(Path directory) {
    return new StoreConfig(
        maxCallDepth,
        tier,
        tierUpThreshold,
        backgroundCompilation,
        compiledMethodLimit,
        directory,
        limits,
        fuel,
        timeout);
  }

  // ---- execution limits (docs/limits.md) ----

  public StoreConfig withLimits(StoreLimits newLimits) {
    return new StoreConfig(
        maxCallDepth,
        tier,
        tierUpThreshold,
        backgroundCompilation,
        compiledMethodLimit,
        codeCache,
        newLimits,
        fuel,
        timeout);
  }

  /**
   * Turns fuel accounting on: every store made with this config starts with {@code initialFuel}
   * units. Each instruction costs one unit (structure markers cost nothing; see docs/limits.md);
   * code that runs out traps with {@link TrapKind#OUT_OF_FUEL}, at the same point in every tier.
   */
  public StoreConfig withFuel(long initialFuel) {
    if (initialFuel < 0) {
      throw new IllegalArgumentException("fuel must not be negative: " + initialFuel);
    }
    return withFuelSetting(initialFuel);
  }

  /** Turns fuel accounting off. */
  public StoreConfig withoutFuel() {
    return withFuelSetting(UNMETERED);
  }

  private StoreConfig withFuelSetting(long newFuel) {
    return new StoreConfig(
        maxCallDepth,
        tier,
        tierUpThreshold,
        backgroundCompilation,
        compiledMethodLimit,
        codeCache,
        limits,
        newFuel,
        timeout);
  }

  /** Whether stores made with this config account fuel. */
  public boolean metered() {
    return fuel != UNMETERED;
  }

  /**
   * Limits each call from the host into the store's code (an export's {@link
   * ExportedFunction#call}, or the start function during instantiation) to {@code newTimeout} of
   * wall-clock time; null removes the limit. Calls the guest makes back into wasm from a host
   * function count towards the outer call's time.
   */
  public StoreConfig withTimeout(Duration newTimeout) {
    return new StoreConfig(
        maxCallDepth,
        tier,
        tierUpThreshold,
        backgroundCompilation,
        compiledMethodLimit,
        codeCache,
        limits,
        fuel,
        newTimeout);
  }
}
