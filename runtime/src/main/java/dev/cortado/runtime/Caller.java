package dev.cortado.runtime;

/** What a host function sees of the wasm instance that called it. */
public interface Caller {
  /** The calling instance, or null when the host function was called directly from Java. */
  Instance instance();

  /** The calling instance's export {@code name} as a memory, or null if there is none. */
  default Memory memory(String name) {
    Instance i = instance();
    return i == null ? null : i.memory(name);
  }

  /** The calling instance's memory exported as {@code "memory"}, or null. */
  default Memory memory() {
    return memory("memory");
  }

  /**
   * The calling instance's store (for its fuel, or to wait for an interruption with {@link
   * Store#awaitInterrupt} or {@link Store#onInterrupt}), or null when called directly from Java.
   */
  default Store store() {
    return null;
  }

  /**
   * Whether the guest has been asked to stop ({@link Store#interrupt()}, or the call's {@link
   * StoreConfig#timeout()} passed). A host function that waits or loops should then return
   * promptly; the guest traps with {@link TrapKind#INTERRUPTED} as soon as it does.
   */
  default boolean interrupted() {
    return false;
  }
}
