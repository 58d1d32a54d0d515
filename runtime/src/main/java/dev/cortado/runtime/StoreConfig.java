package dev.cortado.runtime;

/**
 * Immutable settings of a {@link Store}; each {@code with*} returns a changed copy.
 *
 * <pre>{@code
 * Store store = new Store(StoreConfig.defaults().withMaxCallDepth(10_000));
 * }</pre>
 *
 * @param maxCallDepth how many nested wasm calls may be active before a {@link
 *     TrapKind#CALL_STACK_EXHAUSTED} trap
 */
public record StoreConfig(int maxCallDepth) {
  /** The default call depth limit. */
  public static final int DEFAULT_MAX_CALL_DEPTH = 20_000;

  public StoreConfig {
    if (maxCallDepth < 1) {
      throw new IllegalArgumentException("maxCallDepth must be positive: " + maxCallDepth);
    }
  }

  public static StoreConfig defaults() {
    return new StoreConfig(DEFAULT_MAX_CALL_DEPTH);
  }

  public StoreConfig withMaxCallDepth(int depth) {
    return new StoreConfig(depth);
  }
}
