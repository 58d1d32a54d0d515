package dev.cortado.runtime;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The execution modes the limits tests run in: each is a change to a {@link StoreConfig} that
 * selects it. Tiered mode tiers up after a few calls or loop iterations, on the running thread, so
 * that tests cross from interpreted into compiled code (mid-loop too) deterministically.
 */
final class Modes {
  private Modes() {}

  /** A mode's name (for test names) and how it changes a config. */
  record Mode(String name, UnaryOperator<StoreConfig> apply) {
    StoreConfig config() {
      return apply.apply(StoreConfig.defaults());
    }

    StoreConfig config(UnaryOperator<StoreConfig> settings) {
      return apply.apply(settings.apply(StoreConfig.defaults()));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Mode> all() {
    return List.of(
        new Mode("interpreter", c -> c.withTier(Tier.INTERPRETER)),
        new Mode("compiled", c -> c.withTier(Tier.COMPILED)),
        new Mode(
            "tiered",
            c -> c.withTier(Tier.TIERED).withTierUpThreshold(3).withBackgroundCompilation(false)));
  }
}
