package dev.cortado.cli;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.StoreLimits;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The execution limits of {@code cortado run} (a picocli mixin): resource caps, call depth, fuel
 * and a timeout, turned into the store's {@link StoreConfig}. See docs/limits.md.
 */
final class LimitOptions {
  @Option(
      names = "--max-memory",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description =
          "The most linear memory the module may use, in total (e.g. 64MiB, 1GiB, 65536);"
              + " memory.grow beyond it returns -1.")
  Long maxMemory;

  @Option(
      names = "--max-table-elements",
      paramLabel = "N",
      description = "The most elements each table may have; table.grow beyond it returns -1.")
  Long maxTableElements;

  @Option(
      names = "--max-instances",
      paramLabel = "N",
      description = "The most instances the run may create.")
  Integer maxInstances;

  @Option(
      names = "--trap-on-grow-failure",
      description = "Trap instead of returning -1 when a limit refuses memory.grow or table.grow.")
  boolean trapOnGrowFailure;

  @Option(
      names = "--max-call-depth",
      paramLabel = "N",
      description = "The most nested wasm calls (default: ${DEFAULT-VALUE}).")
  int maxCallDepth = StoreConfig.DEFAULT_MAX_CALL_DEPTH;

  @Option(
      names = "--fuel",
      paramLabel = "N",
      description =
          "Run with N units of fuel (about one per instruction); trap with 'out of fuel'"
              + " when it runs out.")
  Long fuel;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Stop each call into the module (the start function, then _start or the --invoke"
              + " export) after DURATION (e.g. 5s, 250ms, 2m); it traps with 'interrupted'.")
  Duration timeout;

  LimitOptions() {}

  /** The store settings these options ask for. */
  StoreConfig apply(StoreConfig config) {
    if (maxCallDepth < 1) {
      throw CliError.usage("--max-call-depth must be at least 1");
    }
    StoreLimits limits = config.limits().withTrapOnGrowFailure(trapOnGrowFailure);
    if (maxMemory != null) {
      limits = limits.withMaxTotalMemoryBytes(maxMemory);
    }
    if (maxTableElements != null) {
      limits = limits.withMaxTableElements(nonNegative("--max-table-elements", maxTableElements));
    }
    if (maxInstances != null) {
      limits = limits.withMaxInstances((int) nonNegative("--max-instances", maxInstances));
    }
    StoreConfig result =
        config.withMaxCallDepth(maxCallDepth).withLimits(limits).withTimeout(timeout);
    if (fuel != null) {
      result = result.withFuel(nonNegative("--fuel", fuel));
    }
    return result;
  }

  private static long nonNegative(String option, long value) {
    if (value < 0) {
      throw CliError.usage(option + " must not be negative");
    }
    return value;
  }

  /** The trap's reason, with which limit stopped it when the reason alone does not say. */
  String explain(Trap trap) {
    if (trap.kind() == TrapKind.INTERRUPTED && timeout != null) {
      return " (--timeout " + DurationConverter.format(timeout) + ")";
    }
    if (trap.kind() == TrapKind.OUT_OF_FUEL && fuel != null) {
      return " (--fuel " + fuel + ")";
    }
    return "";
  }
}
