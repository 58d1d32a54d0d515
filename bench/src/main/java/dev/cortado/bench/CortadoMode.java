package dev.cortado.bench;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One way of running Cortado that the benchmarks compare: an execution tier with the runtime's
 * default settings (not the spec tests' tuned ones), optionally with the code cache, fuel, or the
 * interruption checks switched off.
 *
 * <p>Names: {@code interpreter}, {@code compiled}, {@code tiered}, {@code cached} (compiled code
 * loaded from the on-disk cache, which an unmeasured first run fills), each optionally followed by
 * {@code +fuel} (a metered store with fuel that never runs out: the cost of fuel), {@code
 * +nochecks} (the measurement switch {@code -Dcortado.measure.noInterruptChecks=true}: the cost of
 * interruption checks, by difference) or {@code +vector} (compiled SIMD through the Vector API,
 * docs/compiler.md). Without {@code +vector} compiled SIMD runs the two-long code in both kinds of
 * run: the in-process harness's JVM lacks {@code jdk.incubator.vector}, and whole-process runs set
 * {@code CORTADO_VECTOR_API=0}, since the {@code cortado} launcher otherwise adds the module; with
 * it the harness's JVM gets {@code --add-modules=jdk.incubator.vector} and the launcher its default
 * (the Vector API on, as a user's {@code cortado run}). Without {@code cached}, whole-process runs
 * pass {@code --no-cache}, so that {@code compiled} pays for its compilation every time.
 *
 * @param name the name, as engines are called {@code cortado-NAME}
 * @param tier the execution tier
 * @param cached whether compiled code comes from the code cache
 * @param fuel whether the store is metered
 * @param noChecks whether interruption checks are switched off
 * @param vector whether the JVM has the Vector API module
 */
record CortadoMode(
    String name, Tier tier, boolean cached, boolean fuel, boolean noChecks, boolean vector) {
  /** The modes a full comparison runs. */
  static final List<String> DEFAULTS = List.of("interpreter", "compiled", "tiered", "cached");

  /** The modes that measure what execution limits cost (docs/limits.md). */
  static final List<String> LIMITS =
      List.of(
          "interpreter",
          "interpreter+nochecks",
          "interpreter+fuel",
          "compiled",
          "compiled+nochecks",
          "compiled+fuel");

  /** Where the {@code cached} mode keeps compiled code, relative to bench/. */
  static final String CACHE_DIR = "build/cortado-cache";

  private static final String NO_CHECKS = "-Dcortado.measure.noInterruptChecks=true";

  static CortadoMode parse(String name) {
    String[] parts = name.split("\\+");
    boolean cached = parts[0].equals("cached");
    Tier tier;
    try {
      tier = cached ? Tier.COMPILED : Tier.valueOf(parts[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown Cortado mode '"
              + name
              + "' (expected interpreter, compiled, tiered or cached, then +fuel, +nochecks or"
              + " +vector)");
    }
    boolean fuel = false;
    boolean noChecks = false;
    boolean vector = false;
    for (int i = 1; i < parts.length; i++) {
      switch (parts[i]) {
        case "fuel" -> fuel = true;
        case "nochecks" -> noChecks = true;
        case "vector" -> vector = true;
        default -> throw new IllegalArgumentException("unknown Cortado mode suffix +" + parts[i]);
      }
    }
    return new CortadoMode(name, tier, cached, fuel, noChecks, vector);
  }

  /** The system property with the method limit (the CLI's {@code CompilerOptions.METHOD_LIMIT}). */
  static final String METHOD_LIMIT_PROPERTY = "cortado.compiler.methodLimit";

  /**
   * The JVM options and the method limit the {@code cortado} launchers pass for bigger methods
   * (docs/compiler.md, "Bigger methods where the JVM compiles them well"), which the in-process
   * harness's JVM gets too, so that both kinds of run measure the same code.
   */
  static final List<String> BIGGER_METHODS =
      List.of(
          "-XX:-DontCompileHugeMethods",
          "-XX:-ClipInlining",
          "-D" + METHOD_LIMIT_PROPERTY + "=32000");

  /** The store settings of this mode, given the code cache directory for {@code cached}. */
  StoreConfig storeConfig(Path cacheDir) {
    StoreConfig config = StoreConfig.defaults().withTier(tier);
    Integer limit = Integer.getInteger(METHOD_LIMIT_PROPERTY);
    if (limit != null) {
      config = config.withCompiledMethodLimit(limit);
    }
    if (cached) {
      config = config.withCodeCache(cacheDir);
    }
    if (fuel) {
      config = config.withFuel(Long.MAX_VALUE);
    }
    return config;
  }

  /**
   * The export that lets compiled code reach memory through {@code jdk.internal.misc.Unsafe}
   * (docs/compiler.md, "Memory access"), as the {@code cortado} launcher passes it; the harness
   * runs on the class path.
   */
  static final String DIRECT_MEMORY = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

  /** JVM flags this mode needs in the in-process harness. */
  List<String> jvmFlags() {
    List<String> flags = new ArrayList<>(launcherJvmFlags());
    flags.add(DIRECT_MEMORY);
    flags.addAll(BIGGER_METHODS);
    if (vector) {
      flags.add("--add-modules=jdk.incubator.vector");
    }
    return flags;
  }

  /**
   * JVM flags this mode passes to the {@code cortado} launcher ({@code CORTADO_JAVA_OPTS}): the
   * launcher adds the Vector API module itself, see {@link #launcherEnvironment()}.
   */
  List<String> launcherJvmFlags() {
    return noChecks ? List.of(NO_CHECKS) : List.of();
  }

  /** Environment variables of the {@code cortado} launcher for this mode. */
  List<String> launcherEnvironment() {
    return List.of("CORTADO_VECTOR_API=" + (vector ? "1" : "0"));
  }

  /** The options of {@code cortado run} for this mode. */
  List<String> runOptions(Path cacheDir) {
    List<String> options = new ArrayList<>(List.of("--tier", tier.name().toLowerCase(Locale.ROOT)));
    if (cached) {
      options.add("--cache-dir=" + cacheDir);
    } else {
      options.add("--no-cache");
    }
    if (fuel) {
      options.add("--fuel=" + Long.MAX_VALUE);
    }
    return options;
  }

  /** A sentence for the reports. */
  String describe() {
    StringBuilder s = new StringBuilder("Cortado ");
    s.append(
        cached
            ? "compiled, code from the on-disk cache (filled by an unmeasured first run)"
            : "--tier " + tier.name().toLowerCase(Locale.ROOT) + " (runtime defaults)");
    if (fuel) {
      s.append(", metered (fuel)");
    }
    if (noChecks) {
      s.append(", interruption checks off (" + NO_CHECKS + ")");
    }
    if (vector) {
      s.append(", Vector API (--add-modules jdk.incubator.vector)");
    } else if (tier != Tier.INTERPRETER) {
      s.append(", no Vector API (compiled SIMD as two longs)");
    }
    return s.toString();
  }
}
