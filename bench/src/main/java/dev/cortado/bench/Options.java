package dev.cortado.bench;

import dev.cortado.bench.Cell.Kind;
import dev.cortado.bench.Workload.Size;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@link Runner}'s settings. {@code bench/run} passes the paths; the rest have defaults for a
 * full comparison, and {@code bench/run --quick} passes smaller ones.
 *
 * <pre>
 * --bench DIR           bench/ (workloads/, build/, harness/)        default: ./bench
 * --root DIR            the checkout, where the cortado launcher is  default: parent of --bench
 * --java PATH           the java for JVM engines                     default: this JVM's
 * --classpath CP        the bench class path for the JVM harness     default: this JVM's
 * --graal-modules DIR   GraalWasm's jars                             default: target/graal/modules
 * --graal-upgrade DIR   Graal's compiler jar                         default: target/graal/upgrade
 * --node PATH           node                                         default: node on the PATH
 * --cortado-modes LIST  Cortado modes (CortadoMode): interpreter, compiled, tiered, cached,
 *                       each optionally +fuel or +nochecks; "limits" for the limits set
 *                                                      default: interpreter,compiled,tiered,cached
 * --engines LIST        only these engines (native is always needed)
 * --skip-engines LIST   not these engines
 * --workloads LIST      only these workloads
 * --sizes LIST          small,full                                   default: both
 * --kinds LIST          steady,process                               default: both
 * --runs N              measured runs per cell                       default: 5
 * --warmup N            in-process warm-up runs                      default: 2
 * --forks N             JVMs per steady-state cell, taken round-robin over the engines; their
 *                       measured runs are pooled (JIT decisions differ from JVM to JVM)  default: 1
 * --timeout SECONDS     per run                                      default: 300
 * --budget SECONDS      per cell: stop measuring after this long (1 run at least)  default: 30
 * --out DIR             where the reports go                         default: bench/results
 * --name NAME           NAME.md, NAME.json, NAME-SIZE-KIND.svg       default: results
 * --command TEXT        the command line to print in the reports
 * --clock wall|cpu      steady state of the JVM engines in wall time, or in the guest thread's
 *                       CPU time (less disturbed by other work on the machine)  default: wall
 * </pre>
 */
final class Options {
  Path bench = Path.of("bench").toAbsolutePath();
  Path root;
  Path java = Path.of(System.getProperty("java.home"), "bin", "java");
  String classPath = System.getProperty("java.class.path");
  Path graalModules;
  Path graalUpgrade;
  Path node = onPath("node");
  List<String> cortadoModes = CortadoMode.DEFAULTS;
  List<String> engines = List.of();
  List<String> skipEngines = List.of();
  List<String> workloads = List.of();
  List<Size> sizes = List.of(Size.FULL, Size.SMALL);
  List<Kind> kinds = List.of(Kind.STEADY, Kind.PROCESS);
  int runs = 5;
  int warmup = 2;
  int forks = 1;
  Duration timeout = Duration.ofSeconds(300);
  Duration budget = Duration.ofSeconds(30);
  Path out;
  String name = "results";
  String command = "";
  boolean cpuClock;

  private Options() {}

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--bench" -> o.bench = Path.of(value).toAbsolutePath();
        case "--root" -> o.root = Path.of(value).toAbsolutePath();
        case "--java" -> o.java = Path.of(value);
        case "--classpath" -> o.classPath = value;
        case "--graal-modules" -> o.graalModules = Path.of(value).toAbsolutePath();
        case "--graal-upgrade" -> o.graalUpgrade = Path.of(value).toAbsolutePath();
        case "--node" -> o.node = value.isEmpty() ? null : Path.of(value);
        case "--cortado-modes" ->
            o.cortadoModes = value.equals("limits") ? CortadoMode.LIMITS : list(value);
        case "--engines" -> o.engines = list(value);
        case "--skip-engines" -> o.skipEngines = list(value);
        case "--workloads" -> o.workloads = list(value);
        case "--sizes" ->
            o.sizes = list(value).stream().map(s -> constant(option, s, Size.class)).toList();
        case "--kinds" ->
            o.kinds = list(value).stream().map(k -> constant(option, k, Kind.class)).toList();
        case "--runs" -> o.runs = positive(option, value);
        case "--warmup" -> o.warmup = number(option, value);
        case "--forks" -> o.forks = positive(option, value);
        case "--timeout" -> o.timeout = Duration.ofSeconds(positive(option, value));
        case "--budget" -> o.budget = Duration.ofSeconds(positive(option, value));
        case "--out" -> o.out = Path.of(value).toAbsolutePath();
        case "--name" -> o.name = value;
        case "--command" -> o.command = value;
        case "--clock" ->
            o.cpuClock =
                switch (value) {
                  case "cpu" -> true;
                  case "wall" -> false;
                  default -> throw new IllegalArgumentException("--clock is wall or cpu");
                };
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (o.root == null) {
      o.root = o.bench.getParent();
    }
    if (o.graalModules == null) {
      o.graalModules = o.bench.resolve("target/graal/modules");
    }
    if (o.graalUpgrade == null) {
      o.graalUpgrade = o.bench.resolve("target/graal/upgrade");
    }
    if (o.out == null) {
      o.out = o.bench.resolve("results");
    }
    // Full first: the fast engines' big runs, then the small sizes that interpreters share.
    o.sizes = o.sizes.stream().sorted((a, b) -> b.compareTo(a)).toList();
    return o;
  }

  EngineSpec.Setup setup() {
    return new EngineSpec.Setup(
        bench, root, java, classPath, graalModules, graalUpgrade, node, cortadoModes, cpuClock);
  }

  /** The constant of {@code type} named {@code name} in any case, or a message listing them. */
  private static <E extends Enum<E>> E constant(String option, String name, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(
        option + ": no " + name + " (one of " + String.join(", ", names) + ")");
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return List.copyOf(items);
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a number, not " + value);
    }
  }

  private static int positive(String option, String value) {
    int n = number(option, value);
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be at least 1: " + value);
    }
    return n;
  }

  private static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
