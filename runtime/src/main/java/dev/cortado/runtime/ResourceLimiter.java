package dev.cortado.runtime;

/**
 * A host's say over what one {@link Store}'s guests allocate, asked before every memory and table
 * the store's instances create or grow, after the store's {@link StoreLimits} have agreed. Return
 * false to refuse: a growth instruction then returns -1 (or traps, see {@link
 * StoreLimits#trapOnGrowFailure()}), an instantiation fails with {@link
 * InstantiationFailedException}.
 *
 * <pre>{@code
 * // At most 16 MiB across every memory of the store, counting as the guest grows.
 * ResourceLimiter budget = new ResourceLimiter() {
 *   long used;
 *   public boolean memoryGrowing(long current, long desired, long maximum) {
 *     if (used + desired - current > 16 << 20) return false;
 *     used += desired - current;
 *     return true;
 *   }
 * };
 * Store store = new Store(StoreConfig.defaults(), budget);
 * }</pre>
 *
 * <p>It is called on the thread running the guest, while the guest waits. An exception it throws
 * becomes a trap of kind {@link TrapKind#HOST_ERROR}.
 */
public interface ResourceLimiter {
  /**
   * Whether a memory may grow from {@code currentBytes} to {@code desiredBytes} ({@code
   * currentBytes} is 0 when it is being created); {@code maximumBytes} is the most its type allows,
   * at most 2 GiB (the largest memory the runtime holds).
   */
  default boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes) {
    return true;
  }

  /**
   * Whether a table may grow from {@code currentElements} to {@code desiredElements} (0 when it is
   * being created); {@code maximumElements} is the most its type allows.
   */
  default boolean tableGrowing(long currentElements, long desiredElements, long maximumElements) {
    return true;
  }
}
