package dev.cortado.runtime;

/**
 * How a {@link Store} executes WebAssembly code (see {@link StoreConfig#withTier}).
 *
 * <pre>{@code
 * Store store = new Store(StoreConfig.defaults().withTier(Tier.COMPILED));
 * }</pre>
 */
public enum Tier {
  /** Every function runs in the interpreter: no start-up cost, slow code. */
  INTERPRETER,

  /**
   * Every function of a module is compiled to JVM bytecode before its first call; HotSpot then
   * compiles that bytecode to machine code.
   */
  COMPILED,

  /**
   * Functions start in the interpreter; those that run often (many calls or loop iterations) are
   * compiled in the background and take over, in the middle of a running loop too.
   */
  TIERED;

  /** The name used on command lines, e.g. {@code tiered}. */
  public String cliName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
