package dev.cortado.spectest;

import dev.cortado.runtime.StoreConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the runtime executes code while scripts run. Every tier runs the same spec scripts (STYLE.md:
 * "same spec runner for every tier").
 */
public enum Tier {
  /** Every function runs in the interpreter. */
  INTERPRETER,

  /** Every function is compiled to JVM bytecode before it first runs. */
  COMPILED,

  /**
   * Functions start in the interpreter and are compiled once hot. The threshold is low and
   * compilation happens at once on the running thread, so that scripts exercise tier-up (calls
   * between interpreted and compiled code, switching in the middle of loops) deterministically; the
   * method limit is the smallest, so that compiled functions are split and loops are entered in
   * split functions too.
   */
  TIERED;

  /** The tier-up threshold of {@link #TIERED}: low enough that most code gets compiled. */
  public static final int TIERED_THRESHOLD = 3;

  /** The name used on command lines, e.g. {@code interpreter}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The store settings that select this tier. */
  public StoreConfig storeConfig() {
    return apply(StoreConfig.defaults());
  }

  /** {@code config} changed to select this tier (other settings, such as limits, kept). */
  public StoreConfig apply(StoreConfig config) {
    return switch (this) {
      case INTERPRETER -> config.withTier(dev.cortado.runtime.Tier.INTERPRETER);
      case COMPILED -> config.withTier(dev.cortado.runtime.Tier.COMPILED);
      case TIERED ->
          config
              .withTier(dev.cortado.runtime.Tier.TIERED)
              .withTierUpThreshold(TIERED_THRESHOLD)
              .withBackgroundCompilation(false)
              .withCompiledMethodLimit(StoreConfig.MIN_COMPILED_METHOD_LIMIT);
    };
  }

  /** The tier named {@code name} (as {@link #cliName()} spells it). */
  public static Tier parse(String name) {
    for (Tier t : values()) {
      if (t.cliName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown tier '" + name + "' (expected one of: " + names() + ")");
  }

  /** The tiers' names, comma-separated, for help texts and error messages. */
  public static String names() {
    return Arrays.stream(values()).map(Tier::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName();
  }
}
