package dev.cortado.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine as the {@link Runner} drives it: the command that runs a workload once in a fresh
 * process (whole-process time, start-up included), and the command that runs it several times in
 * one process (steady state). Adding a Cortado mode is adding one entry in {@link #all}.
 *
 * @param id a short name, used on the command line and in the reports
 * @param description what the engine is, with its version and mode
 * @param interpreter true if the engine only interprets: it runs the small sizes only
 * @param unavailable why it cannot run on this machine, or null if it can
 * @param processCommand the command for one run (a fresh process), or null
 * @param steadyCommand the command for the in-process harness, or null if there is none (native:
 *     its process time is its steady state)
 */
record EngineSpec(
    String id,
    String description,
    boolean interpreter,
    String unavailable,
    CommandLine processCommand,
    CommandLine steadyCommand) {

  /**
   * What one measurement runs: a module with arguments, and for the in-process harnesses how many
   * warm-up and measured runs, within a budget of {@code maxSeconds} each (0: no budget).
   */
  record Invocation(
      Workload workload, Path module, List<String> args, int warmup, int runs, long maxSeconds) {

    /** The harness options for the runs. */
    List<String> runOptions() {
      List<String> options = new ArrayList<>();
      options.addAll(
          List.of("--warmup", Integer.toString(warmup), "--runs", Integer.toString(runs)));
      if (maxSeconds > 0) {
        options.addAll(List.of("--max-seconds", Long.toString(maxSeconds)));
      }
      if (workload.checked() != null) {
        options.addAll(List.of("--check", workload.checked().pattern()));
      }
      return options;
    }
  }

  /** The command line for an invocation. */
  @FunctionalInterface
  interface CommandLine {
    List<String> of(Invocation invocation);
  }

  /** Where the tools and jars are, as bench/run found them. */
  record Setup(
      Path bench,
      Path root,
      Path java,
      String classPath,
      Path graalModules,
      Path graalUpgrade,
      Path node,
      List<String> cortadoModes,
      boolean cpuClock) {
    /** Where the {@code cached} mode keeps compiled code. */
    Path cortadoCache() {
      return bench.resolve(CortadoMode.CACHE_DIR);
    }
  }

  /** Every engine the runner knows, available or not, in the order the reports list them. */
  static List<EngineSpec> all(Setup setup) {
    List<EngineSpec> engines = new ArrayList<>();
    engines.add(
        new EngineSpec(
            "native",
            "gcc -O2 (no -march: the x86-64 baseline)",
            false,
            null,
            i ->
                cpuTimed(
                    setup,
                    concat(
                        List.of(
                            setup
                                .bench()
                                .resolve("build/native/" + i.workload().name())
                                .toString()),
                        i.args())),
            null));
    for (String mode : setup.cortadoModes()) {
      engines.add(cortado(setup, CortadoMode.parse(mode)));
    }
    engines.add(
        jvmEngine(
            setup,
            "chicory-interpreter",
            "chicory-interpreter",
            List.of(),
            true,
            "Chicory interpreter, ByteArrayMemory, chicory-wasi; default JVM flags"));
    engines.add(
        jvmEngine(
            setup,
            "chicory-compiler",
            "chicory-compiler",
            List.of(),
            false,
            "Chicory compiler (wasm to JVM bytecode when the module loads), ByteArrayMemory,"
                + " chicory-wasi; default JVM flags"));
    engines.add(graal(setup, false));
    engines.add(graal(setup, true));
    engines.add(node(setup));
    return engines;
  }

  private static EngineSpec cortado(Setup setup, CortadoMode mode) {
    Path launcher = setup.root().resolve("cortado");
    String id = "cortado-" + mode.name();
    List<String> flags = mode.jvmFlags();
    List<String> environment = new ArrayList<>(mode.launcherEnvironment());
    if (!mode.launcherJvmFlags().isEmpty()) {
      environment.add("CORTADO_JAVA_OPTS=" + String.join(" ", mode.launcherJvmFlags()));
    }
    List<String> run = new ArrayList<>(List.of("env"));
    run.addAll(environment);
    run.add(launcher.toString());
    run.add("run");
    run.addAll(mode.runOptions(setup.cortadoCache()));
    run.add("--");
    return new EngineSpec(
        id,
        mode.describe()
            + ": whole process through the cortado launcher ("
            + String.join(" ", environment)
            + " cortado run "
            + String.join(" ", mode.runOptions(Path.of("DIR")))
            + "), in-process through the embedding API and dev.cortado.wasi; default JVM flags"
            + (flags.isEmpty() ? "" : " and " + String.join(" ", flags)),
        mode.tier() == dev.cortado.runtime.Tier.INTERPRETER,
        Files.isExecutable(launcher) ? null : "no cortado launcher at " + launcher,
        i -> concat(concat(run, List.of(i.module().toString())), i.args()),
        i -> harness(setup, flags, id, i));
  }

  private static EngineSpec jvmEngine(
      Setup setup,
      String id,
      String harnessEngine,
      List<String> jvmFlags,
      boolean interpreter,
      String description) {
    return new EngineSpec(
        id,
        description,
        interpreter,
        null,
        i ->
            harness(
                setup,
                jvmFlags,
                harnessEngine,
                new Invocation(i.workload(), i.module(), i.args(), 0, 1, 0)),
        i -> harness(setup, jvmFlags, harnessEngine, i));
  }

  /**
   * GraalWasm on the module path. With {@code jit}, JVMCI is enabled and Graal's compiler jar goes
   * on the upgrade module path, so Truffle compiles; without, the same jars on a stock JVM, where
   * Truffle can only interpret.
   */
  private static EngineSpec graal(Setup setup, boolean jit) {
    List<String> flags = new ArrayList<>();
    if (jit) {
      flags.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI"));
      flags.add("--upgrade-module-path=" + jars(setup.graalUpgrade()));
    }
    flags.addAll(
        List.of(
            "--module-path=" + jars(setup.graalModules()),
            "--add-modules=ALL-MODULE-PATH",
            "--enable-native-access=org.graalvm.truffle",
            "--sun-misc-unsafe-memory-access=allow"));
    String unavailable = null;
    if (!Files.isDirectory(setup.graalModules())) {
      unavailable = "no GraalWasm jars in " + setup.graalModules();
    } else if (jit && !Files.isDirectory(setup.graalUpgrade())) {
      unavailable = "no Graal compiler jar in " + setup.graalUpgrade();
    }
    EngineSpec spec =
        jvmEngine(
            setup,
            jit ? "graalwasm-jit" : "graalwasm-interpreter",
            "graalwasm",
            flags,
            !jit,
            jit
                ? "GraalWasm, Truffle with Graal's JIT: -XX:+UnlockExperimentalVMOptions"
                    + " -XX:+EnableJVMCI, Graal's compiler jar on --upgrade-module-path, polyglot"
                    + " jars on the module path"
                : "GraalWasm on a stock JVM (no JVMCI): Truffle's interpreter only, polyglot jars"
                    + " on the module path");
    return new EngineSpec(
        spec.id(),
        spec.description(),
        spec.interpreter(),
        unavailable,
        spec.processCommand(),
        spec.steadyCommand());
  }

  private static EngineSpec node(Setup setup) {
    Path script = setup.bench().resolve("harness/wasi-run.mjs");
    return new EngineSpec(
        "node",
        "node (V8) with node:wasi, harness/wasi-run.mjs",
        false,
        setup.node() == null ? "no node on the PATH" : null,
        i ->
            concat(
                List.of(
                    setup.node().toString(),
                    "--no-warnings",
                    script.toString(),
                    i.module().toString()),
                i.args()),
        i ->
            concat(
                setup.cpuClock()
                    ? List.of(
                        "env",
                        "BENCH_CLOCK=cpu",
                        setup.node().toString(),
                        "--no-warnings",
                        script.toString())
                    : List.of(setup.node().toString(), "--no-warnings", script.toString()),
                concat(i.runOptions(), concat(List.of(i.module().toString()), i.args()))));
  }

  /**
   * {@code command} run by bash's {@code time}, which prints the child's user and system CPU time
   * as a last stderr line {@code BENCH-CPU user sys} (seconds), with {@code --clock cpu}.
   */
  private static List<String> cpuTimed(Setup setup, List<String> command) {
    if (!setup.cpuClock()) {
      return command;
    }
    return concat(
        List.of("bash", "-c", "TIMEFORMAT='BENCH-CPU %3U %3S'; time \"$@\"", "bash"), command);
  }

  private static final java.util.regex.Pattern CPU_LINE =
      java.util.regex.Pattern.compile("(?m)^BENCH-CPU ([0-9.]+) ([0-9.]+)$");

  /** The CPU time a {@link #cpuTimed} command reported on stderr, in nanoseconds, or -1. */
  static long cpuNanos(String stderr) {
    java.util.regex.Matcher m = CPU_LINE.matcher(stderr);
    long found = -1;
    while (m.find()) {
      found = Math.round((Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1e9);
    }
    return found;
  }

  /** The Java harness {@link InProcess} on the bench class path. */
  private static List<String> harness(
      Setup setup, List<String> jvmFlags, String engine, Invocation i) {
    List<String> command = new ArrayList<>();
    command.add(setup.java().toString());
    command.addAll(jvmFlags);
    if (setup.cpuClock()) {
      command.add("-Dbench.clock=cpu");
    }
    command.addAll(List.of("-cp", setup.classPath(), InProcess.class.getName()));
    command.addAll(List.of("--engine", engine));
    command.addAll(i.runOptions());
    command.add(i.module().toString());
    command.addAll(i.args());
    return command;
  }

  private static String jars(Path dir) {
    try (var files = Files.list(dir)) {
      return String.join(
          ":",
          files.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
    } catch (java.io.IOException e) {
      return dir.toString();
    }
  }

  private static List<String> concat(List<String> head, List<String> tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(tail);
    return all;
  }
}
