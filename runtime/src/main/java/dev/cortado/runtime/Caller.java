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
}
