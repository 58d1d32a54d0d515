package dev.cortado.spectest;

import dev.cortado.runtime.StoreConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the runtime executes code. Every tier runs the same spec scripts (STYLE.md: "same spec runner
 * for every tier"). Only the interpreter exists so far; the compiler will add {@code compiled} and
 * {@code tiered}, and this enum moves into the runtime's {@link StoreConfig} once it can choose.
 */
public enum Tier {
  /** Every function runs in the interpreter. */
  INTERPRETER;

  /** The name used on command lines, e.g. {@code interpreter}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The store settings that select this tier. */
  public StoreConfig storeConfig() {
    return switch (this) {
      case INTERPRETER -> StoreConfig.defaults();
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
