package dev.cortado.spectest.fuzz;

import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Extern;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.InstantiationFailedException;
import dev.cortado.runtime.LinkException;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.StoreLimits;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.Value;
import dev.cortado.spectest.SpectestHost;
import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.internal.binary.BinaryReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the mutation fuzzer does with one case: decode it, validate it, and if it is valid,
 * instantiate it (with the testsuite's {@code spectest} imports) in a store with tight limits and
 * call every exported function with zero arguments. Every failure must be a {@code WasmException}
 * of the stage's kind; anything else escapes to the fuzzer as a finding.
 */
final class Exercise {
  /** How a case ended. */
  enum Outcome {
    MALFORMED,
    UNSUPPORTED,
    INVALID,
    UNLINKABLE,
    INSTANTIATION_FAILED,
    RAN,
    TRAPPED,
    /** A {@code WasmException} other than the stage's own (still typed, but worth a look). */
    OTHER_WASM_EXCEPTION
  }

  /** Fuel per exported call: enough for real work, too little to spin for long. */
  static final long FUEL = 200_000;

  /** The store every valid case runs in: small limits, metered, with a timeout as a backstop. */
  static StoreConfig config(UnaryOperator<StoreConfig> tier) {
    return tier.apply(
        StoreConfig.defaults()
            .withMaxCallDepth(2_000)
            .withFuel(FUEL)
            .withTimeout(Duration.ofSeconds(5))
            .withLimits(
                StoreLimits.unlimited()
                    .withMaxTotalMemoryBytes(32L << 20)
                    .withMaxTableElements(100_000)
                    .withMaxInstances(4)));
  }

  private Exercise() {}

  /** Runs one case: decodes, validates and (if {@code execute}) runs it. */
  static Outcome run(byte[] bytes, boolean execute, UnaryOperator<StoreConfig> tier) {
    WasmModule module;
    try {
      module = BinaryReader.read(bytes);
    } catch (UnsupportedFeatureException e) {
      return Outcome.UNSUPPORTED;
    } catch (MalformedModuleException e) {
      return Outcome.MALFORMED;
    }
    try {
      module.validate();
    } catch (UnsupportedFeatureException e) {
      return Outcome.UNSUPPORTED;
    } catch (InvalidModuleException e) {
      return Outcome.INVALID;
    }
    if (!execute) {
      return Outcome.RAN;
    }
    Linker linker = new Linker();
    SpectestHost.define(linker, null);
    Store store = new Store(config(tier));
    Instance instance;
    try {
      instance = linker.instantiate(store, module);
    } catch (LinkException e) {
      return Outcome.UNLINKABLE;
    } catch (InstantiationFailedException e) {
      return Outcome.INSTANTIATION_FAILED;
    }
    Outcome outcome = Outcome.RAN;
    for (Map.Entry<String, Extern> e : instance.exports().entrySet()) {
      if (e.getValue() instanceof ExportedFunction f) {
        store.setFuel(FUEL);
        try {
          f.call(zeros(f.type().params()));
        } catch (Trap t) {
          outcome = Outcome.TRAPPED;
        }
      }
    }
    return outcome;
  }

  /** The zero value of each type: 0, 0.0, a zero vector or null. */
  static Value[] zeros(List<ValType> types) {
    Value[] values = new Value[types.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Value.defaultOf(types.get(i));
    }
    return values;
  }
}
