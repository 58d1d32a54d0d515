package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Memory;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmException;
import dev.cortado.wasm.WasmModule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing: random modules from binaryen's {@code wasm-opt --translate-to-fuzz} run in
 * the interpreter and compiled (whole, split into small methods, and tiered up) must give the same
 * results, traps (kind, reason, backtrace), calls to the host and final memory. Skipped where
 * {@code wasm-opt} is not installed ({@code apt-get install binaryen}), failed instead under {@code
 * CI=true}. The seed and the number of modules are fixed so that the build is repeatable; {@code
 * -Dcortado.differential.modules=N} and {@code -Dcortado.differential.seed=S} run more.
 */
class DifferentialTest {
  /**
   * The features of WebAssembly 2.0 without reference types that binaryen 108 has, SIMD included.
   */
  private static final List<String> FEATURES =
      List.of(
          "--mvp-features",
          "--enable-sign-ext",
          "--enable-mutable-globals",
          "--enable-nontrapping-float-to-int",
          "--enable-bulk-memory",
          "--enable-multivalue",
          "--enable-simd");

  private static final Map<String, StoreConfig> COMPILED_MODES =
      Map.of(
          "compiled", StoreConfig.defaults().withTier(Tier.COMPILED),
          "split", StoreConfig.defaults().withTier(Tier.COMPILED).withCompiledMethodLimit(200),
          "tiered",
              StoreConfig.defaults()
                  .withTier(Tier.TIERED)
                  .withTierUpThreshold(2)
                  .withBackgroundCompilation(false),
          "tiered-split",
              StoreConfig.defaults()
                  .withTier(Tier.TIERED)
                  .withTierUpThreshold(5)
                  .withBackgroundCompilation(false)
                  .withCompiledMethodLimit(200));

  @TempDir Path dir;

  private static Path wasmOpt() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(p, "wasm-opt");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void randomModulesBehaveTheSameInEveryTier() throws Exception {
    Path wasmOpt = wasmOpt();
    RequiredTool.require(wasmOpt != null, "wasm-opt (binaryen) is not installed");
    int count = Integer.getInteger("cortado.differential.modules", 24);
    long seed = Long.getLong("cortado.differential.seed", 20_260_101L);
    Random random = new Random(seed);
    int compared = 0;
    for (int i = 0; i < count; i++) {
      byte[] input = new byte[2_000 + random.nextInt(8_000)];
      random.nextBytes(input);
      WasmModule module = generate(wasmOpt, input, i);
      if (module == null) {
        continue;
      }
      String expected = transcript(module, StoreConfig.defaults().withTier(Tier.INTERPRETER));
      for (Map.Entry<String, StoreConfig> mode : COMPILED_MODES.entrySet()) {
        assertThat(transcript(module, mode.getValue()))
            .as("module %d of seed %d, %s", i, seed, mode.getKey())
            .isEqualTo(expected);
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(count / 2);
  }

  private WasmModule generate(Path wasmOpt, byte[] input, int i) throws Exception {
    Path in = dir.resolve("in" + i + ".dat");
    Path out = dir.resolve("fuzz" + i + ".wasm");
    Files.write(in, input);
    List<String> command =
        new java.util.ArrayList<>(List.of(wasmOpt.toString(), in.toString(), "-ttf"));
    command.addAll(FEATURES);
    // Arithmetic on NaNs may give any NaN (spec 4.3.3), and HotSpot's interpreter and JIT pick
    // different operands' payloads: --denan turns NaN results into 0 so that runs compare exactly.
    command.addAll(List.of("--denan", "-o", out.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(out)) {
      return null;
    }
    try {
      return WasmModule.parse(Files.readAllBytes(out));
    } catch (WasmException e) {
      return null; // something 2.0 does not have
    }
  }

  /** What running every export in order does: results, traps, host calls, memory. */
  private static String transcript(WasmModule module, StoreConfig config) throws IOException {
    StringBuilder log = new StringBuilder();
    Linker linker = new Linker();
    for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64)) {
      linker.define(
          "fuzzing-support",
          "log-" + t.text(),
          FuncType.of(List.of(t), List.of()),
          (caller, args) -> {
            log.append("  log ").append(raw(args[0])).append('\n');
            return new Value[0];
          });
    }
    Instance inst;
    try {
      inst = linker.instantiate(new Store(config), module);
    } catch (WasmException e) {
      return "instantiation: " + e.getMessage();
    }
    ExportedFunction reset = inst.function("hangLimitInitializer");
    for (String name : inst.exports().keySet()) {
      ExportedFunction f = inst.function(name);
      if (f == null || f == reset) {
        continue;
      }
      if (reset != null) {
        reset.call();
      }
      log.append(name).append(": ");
      Value[] args = new Value[f.type().params().size()];
      for (int a = 0; a < args.length; a++) {
        args[a] = Value.defaultOf(f.type().params().get(a));
      }
      try {
        Value[] results = f.call(args);
        for (Value v : results) {
          log.append(raw(v)).append(' ');
        }
      } catch (Trap t) {
        log.append("trap ").append(t.kind()).append(' ').append(t.reason()).append(' ');
        log.append(t.backtrace());
      }
      log.append('\n');
    }
    Memory memory = inst.memory("memory");
    if (memory != null) {
      byte[] bytes = new byte[(int) memory.byteSize()];
      memory.read(0, bytes, 0, bytes.length);
      try {
        log.append("memory ")
            .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return log.toString();
  }

  /** A value with its exact bits (NaN payloads included); references by kind only. */
  private static String raw(Value v) {
    return switch (v.type()) {
      case I32, F32 -> v.type().text() + ":" + Integer.toHexString((int) v.bits());
      case I64, F64 -> v.type().text() + ":" + Long.toHexString(v.bits());
      default -> v.type().text() + ":" + (v.ref() == null ? "null" : "ref");
    };
  }
}
