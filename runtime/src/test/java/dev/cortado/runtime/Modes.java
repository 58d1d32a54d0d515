package dev.cortado.runtime;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The execution modes the limits tests run in: each is a change to a {@link StoreConfig} that
 * selects it. Only the interpreter exists so far; the compiler tier adds its modes here.
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
    return List.of(new Mode("interpreter", c -> c));
  }
}
