package dev.cortado.spectest.fuzz;

import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Extern;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.InstantiationFailedException;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Memory;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a generated module does in Cortado, written exactly as harness.mjs writes what it does in
 * V8: instantiation, then for each exported function (binaryen's hang limit reset first) its log
 * calls and its results or trap, then the exported memory's size and hash. Traps are compared by
 * category (engines word them differently); NaNs print as {@code nan} (their payloads may differ).
 */
final class Transcript {
  /** Cortado stopped a call for a reason V8 has no counterpart for: the module is inconclusive. */
  static final String INCONCLUSIVE = "inconclusive";

  private static final String HANG_LIMIT_RESET = "hangLimitInitializer";

  private Transcript() {}

  /** Whether the harness can run {@code module}: it imports only functions without results. */
  static boolean supported(WasmModule module) {
    for (Import i : module.imports()) {
      if (i.kind() != ExternKind.FUNC || !module.types().get(i.typeIndex()).results().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The sidecar harness.mjs reads: the types of the imports and exported functions. */
  static String signatures(WasmModule module) {
    StringBuilder sb = new StringBuilder();
    for (Import i : module.imports()) {
      sb.append("import ")
          .append(i.module())
          .append(' ')
          .append(i.name())
          .append(' ')
          .append(types(module.types().get(i.typeIndex()).params()))
          .append('\n');
    }
    for (var e : module.exports()) {
      if (e.kind() == ExternKind.FUNC) {
        FuncType t = module.functionType(e.index());
        sb.append("export ")
            .append(e.name())
            .append(' ')
            .append(types(t.params()))
            .append(" -> ")
            .append(types(t.results()))
            .append('\n');
      }
    }
    return sb.toString();
  }

  private static String types(List<ValType> types) {
    return types.isEmpty()
        ? "-"
        : types.stream().map(ValType::toString).collect(Collectors.joining(","));
  }

  /** Runs {@code module} in Cortado with the store settings {@code tier} makes. */
  static List<String> run(WasmModule module, UnaryOperator<StoreConfig> tier) {
    List<String> lines = new ArrayList<>();
    Linker linker = new Linker();
    for (Import i : module.imports()) {
      List<ValType> params = module.types().get(i.typeIndex()).params();
      linker.define(
          i.module(),
          i.name(),
          module.types().get(i.typeIndex()),
          (caller, args) -> {
            StringBuilder sb = new StringBuilder("  log");
            for (int a = 0; a < args.length; a++) {
              sb.append(' ').append(format(params.get(a), args[a]));
            }
            lines.add(sb.toString());
            return new Value[0];
          });
    }
    Store store =
        new Store(
            tier.apply(
                StoreConfig.defaults()
                    .withFuel(1_000_000_000L)
                    .withTimeout(Duration.ofSeconds(20))));
    Instance instance;
    try {
      instance = linker.instantiate(store, module);
    } catch (InstantiationFailedException e) {
      lines.add("instantiate " + category(e.trap()));
      return lines;
    }
    lines.add("instantiated");
    ExportedFunction reset = instance.function(HANG_LIMIT_RESET);
    for (Map.Entry<String, Extern> e : instance.exports().entrySet()) {
      if (!(e.getValue() instanceof ExportedFunction f) || e.getKey().equals(HANG_LIMIT_RESET)) {
        continue;
      }
      lines.add("call " + e.getKey());
      try {
        if (reset != null) {
          reset.call();
        }
        Value[] results = f.call(args(f.type().params()));
        StringBuilder sb = new StringBuilder("  result");
        for (int r = 0; r < results.length; r++) {
          sb.append(' ').append(format(f.type().results().get(r), results[r]));
        }
        lines.add(sb.toString());
      } catch (Trap t) {
        String c = category(t);
        lines.add("  " + c);
        if (c.equals("exhausted") || c.equals(INCONCLUSIVE)) {
          return lines;
        }
      }
    }
    if (instance.export("memory") instanceof Memory m) {
      lines.add("memory " + m.pages() + " " + fnv(m.readBytes(0, (int) m.byteSize())));
    }
    return lines;
  }

  private static Value[] args(List<ValType> params) {
    Value[] values = new Value[params.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Value.defaultOf(params.get(i));
    }
    return values;
  }

  /** A value as harness.mjs prints it. */
  static String format(ValType type, Value v) {
    return switch (type) {
      case I32 -> "i32:" + v.asInt();
      case I64 -> "i64:" + v.asLong();
      case F32 ->
          Float.isNaN(v.asFloat())
              ? "f32:nan"
              : String.format("f32:0x%08x", Float.floatToRawIntBits(v.asFloat()));
      case F64 ->
          Double.isNaN(v.asDouble())
              ? "f64:nan"
              : String.format("f64:0x%016x", Double.doubleToRawLongBits(v.asDouble()));
      default -> type + ":" + (v.ref() == null ? "null" : "ref");
    };
  }

  /** A trap's category, as harness.mjs names V8's. */
  static String category(Trap t) {
    return switch (t.kind()) {
      case UNREACHABLE -> "trap unreachable";
      case INTEGER_DIVIDE_BY_ZERO -> "trap div-zero";
      // V8 words both alike (see harness.mjs).
      case INTEGER_OVERFLOW, INVALID_CONVERSION_TO_INTEGER -> "trap overflow-or-conversion";
      case OUT_OF_BOUNDS_MEMORY_ACCESS -> "trap mem-oob";
      case OUT_OF_BOUNDS_TABLE_ACCESS,
          UNDEFINED_ELEMENT,
          UNINITIALIZED_ELEMENT,
          INDIRECT_CALL_TYPE_MISMATCH ->
          "trap table";
      case CALL_STACK_EXHAUSTED -> "exhausted";
      case OUT_OF_FUEL, INTERRUPTED -> INCONCLUSIVE;
      default -> "trap " + t.kind().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** FNV-1a, 32 bits, as harness.mjs computes it. */
  static String fnv(byte[] bytes) {
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h ^= b & 0xFF;
      h *= 0x01000193;
    }
    return String.format("0x%08x", h);
  }

  /** Whether a V8 transcript and Cortado's agree (up to the point where either gave up). */
  static boolean agree(List<String> v8, List<String> cortado) {
    int n = Math.min(v8.size(), cortado.size());
    for (int i = 0; i < n; i++) {
      String a = v8.get(i);
      String b = cortado.get(i);
      if (a.equals("  exhausted") || b.equals("  exhausted") || b.equals("  " + INCONCLUSIVE)) {
        return true;
      }
      if (!a.equals(b)) {
        return false;
      }
    }
    return v8.size() == cortado.size();
  }
}
