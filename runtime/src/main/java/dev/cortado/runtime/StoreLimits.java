package dev.cortado.runtime;

/**
 * Caps on what the instances of one {@link Store} may allocate, enforced by the store itself (a
 * {@link ResourceLimiter} given to the store is asked in addition). Immutable; each {@code with*}
 * returns a changed copy.
 *
 * <pre>{@code
 * StoreLimits limits = StoreLimits.unlimited()
 *     .withMaxMemoryBytes(64L << 20)   // each memory at most 64 MiB
 *     .withMaxTableElements(10_000)
 *     .withMaxInstances(10);
 * Store store = new Store(StoreConfig.defaults().withLimits(limits));
 * }</pre>
 *
 * <p>A guest that asks for more than the limits allow gets what the spec allows an engine to answer
 * when it cannot allocate: {@code memory.grow} and {@code table.grow} return -1 (or trap with
 * {@link TrapKind#LIMIT_EXCEEDED} when {@link #trapOnGrowFailure()}), and instantiating a module
 * whose initial memories, tables or instance count do not fit throws {@link
 * InstantiationFailedException} with a {@code LIMIT_EXCEEDED} trap. Only memories and tables that
 * the store's instances define count; the host's own ({@link Memory#of}, {@link Table#of}) do not.
 *
 * @param maxMemoryBytes how large each memory may get, in bytes
 * @param maxTotalMemoryBytes how large the store's memories may get together, in bytes
 * @param maxTableElements how many elements each table may get
 * @param maxInstances how many instances the store may hold (failed instantiations count too: their
 *     memories and tables may stay reachable, spec 4.5.4)
 * @param maxMemories how many memories the store's instances may define
 * @param maxTables how many tables the store's instances may define
 * @param trapOnGrowFailure whether {@code memory.grow} and {@code table.grow} trap instead of
 *     returning -1 when a limit refuses them
 */
public record StoreLimits(
    long maxMemoryBytes,
    long maxTotalMemoryBytes,
    long maxTableElements,
    int maxInstances,
    int maxMemories,
    int maxTables,
    boolean trapOnGrowFailure) {
  private static final StoreLimits UNLIMITED =
      new StoreLimits(
          Long.MAX_VALUE,
          Long.MAX_VALUE,
          Long.MAX_VALUE,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          false);

  public StoreLimits {
    if (maxMemoryBytes < 0
        || maxTotalMemoryBytes < 0
        || maxTableElements < 0
        || maxInstances < 0
        || maxMemories < 0
        || maxTables < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  /** No limits beyond what the spec and the JVM impose. */
  public static StoreLimits unlimited() {
    return UNLIMITED;
  }

  public StoreLimits withMaxMemoryBytes(long bytes) {
    return new StoreLimits(
        bytes,
        maxTotalMemoryBytes,
        maxTableElements,
        maxInstances,
        maxMemories,
        maxTables,
        trapOnGrowFailure);
  }

  public StoreLimits withMaxTotalMemoryBytes(long bytes) {
    return new StoreLimits(
        maxMemoryBytes,
        bytes,
        maxTableElements,
        maxInstances,
        maxMemories,
        maxTables,
        trapOnGrowFailure);
  }

  public StoreLimits withMaxTableElements(long elements) {
    return new StoreLimits(
        maxMemoryBytes,
        maxTotalMemoryBytes,
        elements,
        maxInstances,
        maxMemories,
        maxTables,
        trapOnGrowFailure);
  }

  public StoreLimits withMaxInstances(int instances) {
    return new StoreLimits(
        maxMemoryBytes,
        maxTotalMemoryBytes,
        maxTableElements,
        instances,
        maxMemories,
        maxTables,
        trapOnGrowFailure);
  }

  public StoreLimits withMaxMemories(int memories) {
    return new StoreLimits(
        maxMemoryBytes,
        maxTotalMemoryBytes,
        maxTableElements,
        maxInstances,
        memories,
        maxTables,
        trapOnGrowFailure);
  }

  public StoreLimits withMaxTables(int tables) {
    return new StoreLimits(
        maxMemoryBytes,
        maxTotalMemoryBytes,
        maxTableElements,
        maxInstances,
        maxMemories,
        tables,
        trapOnGrowFailure);
  }

  public StoreLimits withTrapOnGrowFailure(boolean trap) {
    return new StoreLimits(
        maxMemoryBytes,
        maxTotalMemoryBytes,
        maxTableElements,
        maxInstances,
        maxMemories,
        maxTables,
        trap);
  }
}
