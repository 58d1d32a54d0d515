package dev.cortado.runtime;

import java.nio.file.Path;

/**
 * Immutable settings of a {@link Store}; each {@code with*} returns a changed copy.
 *
 * <pre>{@code
 * Store store = new Store(StoreConfig.defaults().withMaxCallDepth(10_000).withTier(Tier.COMPILED));
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
 *     several JVM methods (HotSpot does not JIT-compile methods above 8000 bytes)
 * @param codeCache a directory where compiled modules are kept between runs, or null for none
 */
public record StoreConfig(
    int maxCallDepth,
    Tier tier,
    int tierUpThreshold,
    boolean backgroundCompilation,
    int compiledMethodLimit,
    Path codeCache) {
  /** The default call depth limit. */
  public static final int DEFAULT_MAX_CALL_DEPTH = 20_000;

  /** The default tier-up threshold: calls plus loop iterations. */
  public static final int DEFAULT_TIER_UP_THRESHOLD = 2_000;

  /** The default method size limit, HotSpot's {@code HugeMethodLimit}. */
  public static final int DEFAULT_COMPILED_METHOD_LIMIT = 8_000;

  /** The smallest method size limit: below it a single instruction's code may not fit. */
  public static final int MIN_COMPILED_METHOD_LIMIT = 200;

  public StoreConfig {
    if (maxCallDepth < 1) {
      throw new IllegalArgumentException("maxCallDepth must be positive: " + maxCallDepth);
    }
    java.util.Objects.requireNonNull(tier, "tier");
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
  }

  public static StoreConfig defaults() {
    return new StoreConfig(
        DEFAULT_MAX_CALL_DEPTH,
        Tier.TIERED,
        DEFAULT_TIER_UP_THRESHOLD,
        true,
        DEFAULT_COMPILED_METHOD_LIMIT,
        null);
  }

  public StoreConfig withMaxCallDepth(int depth) {
    return new StoreConfig(
        depth, tier, tierUpThreshold, backgroundCompilation, compiledMethodLimit, codeCache);
  }

  public StoreConfig withTier(Tier newTier) {
    return new StoreConfig(
        maxCallDepth,
        newTier,
        tierUpThreshold,
        backgroundCompilation,
        compiledMethodLimit,
        codeCache);
  }

  public StoreConfig withTierUpThreshold(int threshold) {
    return new StoreConfig(
        maxCallDepth, tier, threshold, backgroundCompilation, compiledMethodLimit, codeCache);
  }

  public StoreConfig withBackgroundCompilation(boolean background) {
    return new StoreConfig(
        maxCallDepth, tier, tierUpThreshold, background, compiledMethodLimit, codeCache);
  }

  public StoreConfig withCompiledMethodLimit(int limit) {
    return new StoreConfig(
        maxCallDepth, tier, tierUpThreshold, backgroundCompilation, limit, codeCache);
  }

  /** Keeps compiled modules in {@code directory} (created owner-only), or in no cache if null. */
  public StoreConfig withCodeCache(Path directory) {
    return new StoreConfig(
        maxCallDepth, tier, tierUpThreshold, backgroundCompilation, compiledMethodLimit, directory);
  }
}
