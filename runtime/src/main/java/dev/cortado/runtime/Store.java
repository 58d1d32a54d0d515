package dev.cortado.runtime;

/**
 * Owns instances and the settings they run under. A store and everything instantiated in it is used
 * by one thread at a time (see docs/embedding.md).
 */
public final class Store {
  private final StoreConfig config;

  public Store() {
    this(StoreConfig.defaults());
  }

  public Store(StoreConfig config) {
    this.config = config;
  }

  public StoreConfig config() {
    return config;
  }
}
