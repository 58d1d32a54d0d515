package dev.cortado.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link Store}; each {@code with*} returns a changed copy.
 *
 * <pre>{@code
 * Store store = new Store(StoreConfig.defaults()
 *     .withMaxCallDepth(10_000)
 *     .withLimits(StoreLimits.unlimited().withMaxMemoryBytes(64L << 20))
 *     .withFuel(1_000_000)
 *     .withTimeout(Duration.ofSeconds(5)));
 * }</pre>
 *
 * @param maxCallDepth how many nested wasm calls may be active before a {@link
 *     TrapKind#CALL_STACK_EXHAUSTED} trap
 * @param limits caps on the memories, tables and instances the store's guests allocate
 * @param fuel the fuel a new store starts with, or {@link #UNMETERED} for no fuel accounting (see
 *     {@link Store#fuel()}); metered code runs somewhat slower
 * @param timeout how long each call from the host into the store's code may run before it traps
 *     with {@link TrapKind#INTERRUPTED}, or null for no limit
 */
public record StoreConfig(int maxCallDepth, StoreLimits limits, long fuel, Duration timeout) {
  /** The default call depth limit. */
  public static final int DEFAULT_MAX_CALL_DEPTH = 20_000;

  /** The {@link #fuel()} of a store that does not account fuel. */
  public static final long UNMETERED = -1;

  public StoreConfig {
    if (maxCallDepth < 1) {
      throw new IllegalArgumentException("maxCallDepth must be positive: " + maxCallDepth);
    }
    Objects.requireNonNull(limits, "limits");
    if (fuel < UNMETERED) {
      throw new IllegalArgumentException("fuel must not be negative: " + fuel);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** Compatible with the one-setting constructor of earlier versions. */
  public StoreConfig(int maxCallDepth) {
    this(maxCallDepth, StoreLimits.unlimited(), UNMETERED, null);
  }

  public static StoreConfig defaults() {
    return new StoreConfig(DEFAULT_MAX_CALL_DEPTH);
  }

  public StoreConfig withMaxCallDepth(int depth) {
    return new StoreConfig(depth, limits, fuel, timeout);
  }

  public StoreConfig withLimits(StoreLimits newLimits) {
    return new StoreConfig(maxCallDepth, newLimits, fuel, timeout);
  }

  /**
   * Turns fuel accounting on: every store made with this config starts with {@code initialFuel}
   * units. Each instruction costs one unit (structure markers cost nothing; see docs/limits.md);
   * code that runs out traps with {@link TrapKind#OUT_OF_FUEL}.
   */
  public StoreConfig withFuel(long initialFuel) {
    if (initialFuel < 0) {
      throw new IllegalArgumentException("fuel must not be negative: " + initialFuel);
    }
    return new StoreConfig(maxCallDepth, limits, initialFuel, timeout);
  }

  /** Turns fuel accounting off. */
  public StoreConfig withoutFuel() {
    return new StoreConfig(maxCallDepth, limits, UNMETERED, timeout);
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
    return new StoreConfig(maxCallDepth, limits, fuel, newTimeout);
  }
}
