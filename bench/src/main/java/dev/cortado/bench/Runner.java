package dev.cortado.bench;

import dev.cortado.bench.Cell.Kind;
import dev.cortado.bench.Cell.Status;
import dev.cortado.bench.EngineSpec.Invocation;
import dev.cortado.bench.Workload.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side-by-side comparison: every workload on every engine, each output checked against the
 * native build's, timed as a whole process and in-process at steady state, written as Markdown,
 * JSON and SVG. {@code bench/run} builds everything and starts this with the paths it found; see
 * {@link Options} for the settings and docs/performance.md for what the numbers mean.
 */
public final class Runner {
  private static final Pattern TIMES = Pattern.compile("(?m)^BENCH-TIMES ([0-9 ]+)$");
  private static final Pattern WARMUP = Pattern.compile("(?m)^BENCH-WARMUP ([0-9 ]+)$");
  private static final Pattern ENGINE = Pattern.compile("(?m)^BENCH-ENGINE (.+)$");

  /** What the cortado launcher prints when it rebuilds: such a run timed Maven, not Cortado. */
  private static final String LAUNCHER_BUILDING = "cortado: building with Maven";

  private final Options options;
  private final List<EngineSpec> engines;
  private final List<Workload> workloads;
  private final List<Cell> cells = new ArrayList<>();

  /** What each engine said it is (BENCH-ENGINE), else the spec's description. */
  private final Map<String, String> descriptions = new LinkedHashMap<>();

  private final Map<String, String> unavailable = new LinkedHashMap<>();
  private int step;
  private int steps;

  private Runner(Options options, List<EngineSpec> engines, List<Workload> workloads) {
    this.options = options;
    this.engines = engines;
    this.workloads = workloads;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      // A mistyped option is the user's, not a bug: one line, as the CLI does.
      System.err.println("bench/run: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<Workload> workloads = new ArrayList<>();
    for (Workload w : Workload.read(options.bench.resolve("workloads/workloads.tsv"))) {
      if (options.workloads.isEmpty() || options.workloads.contains(w.name())) {
        workloads.add(w);
      }
    }
    List<EngineSpec> engines = new ArrayList<>();
    Map<String, String> unavailable = new LinkedHashMap<>();
    for (EngineSpec e : EngineSpec.all(options.setup())) {
      boolean wanted = options.engines.isEmpty() || options.engines.contains(e.id());
      if (!wanted || options.skipEngines.contains(e.id())) {
        continue;
      }
      if (e.unavailable() != null) {
        unavailable.put(e.id(), e.unavailable());
      } else {
        engines.add(e);
      }
    }
    if (engines.isEmpty() || !engines.getFirst().id().equals(Table.NATIVE)) {
      throw new IllegalArgumentException(
          "the native engine is the reference: it cannot be left out");
    }
    Environment environment = Environment.capture(options);
    Runner runner = new Runner(options, engines, workloads);
    runner.unavailable.putAll(unavailable);
    for (EngineSpec e : engines) {
      runner.descriptions.put(e.id(), e.description());
    }
    runner.run();
    Results results =
        new Results(
            environment.finish(),
            runner.descriptions,
            runner.unavailable,
            engines.stream().map(EngineSpec::id).toList(),
            workloads.stream().map(Workload::name).toList(),
            runner.cells,
            options);
    results.write(options.out, options.name);
  }

  private void run() throws IOException {
    steps = 0;
    for (Size size : options.sizes) {
      for (Workload w : workloads) {
        for (EngineSpec e : engines) {
          if (runs(e, size)) {
            steps++;
          }
        }
      }
    }
    for (Size size : options.sizes) {
      for (Workload w : workloads) {
        runWorkload(w, size);
      }
    }
  }

  private static boolean runs(EngineSpec e, Size size) {
    return size == Size.SMALL || !e.interpreter();
  }

  private void runWorkload(Workload w, Size size) throws IOException {
    Path module = options.bench.resolve(w.module());
    EngineSpec nativeEngine = engines.getFirst();
    // The reference output, and a warm-up for native.
    ProcessRun reference =
        ProcessRun.run(
            nativeEngine.processCommand().of(new Invocation(w, module, w.args(size), 0, 1, 0)),
            options.bench,
            options.timeout);
    if (reference.timedOut() || reference.status() != 0 || !Files.isRegularFile(module)) {
      String why =
          !Files.isRegularFile(module)
              ? "no module " + module
              : reference.timedOut()
                  ? "native timed out"
                  : "native exit status " + reference.status() + ": " + reference.stderrTail();
      log("%s %s: skipped: %s", size.label(), w.name(), why);
      for (EngineSpec e : engines) {
        if (runs(e, size)) {
          step++;
          for (Kind kind : options.kinds) {
            cells.add(new Cell(w.name(), size, kind, e.id(), Status.FAILED, List.of(), why));
          }
        }
      }
      return;
    }
    String expected = w.checkedOutput(reference.stdout());
    List<EngineSpec> running = engines.stream().filter(e -> runs(e, size)).toList();
    Map<String, Cell> processCells = new LinkedHashMap<>();
    nativeCpuNanos.clear();
    if (options.kinds.contains(Kind.PROCESS) || options.kinds.contains(Kind.STEADY)) {
      processCells = measureProcesses(running, w, size, module, expected);
    }
    Map<String, Cell> steadyCells =
        options.kinds.contains(Kind.STEADY)
            ? measureSteadyForks(running, w, size, module, expected)
            : Map.of();
    for (EngineSpec e : running) {
      step++;
      Cell process = processCells.get(e.id());
      if (options.kinds.contains(Kind.PROCESS)) {
        record(process);
      }
      if (options.kinds.contains(Kind.STEADY)) {
        if (e.steadyCommand() == null) {
          // No JIT to warm up: a native process's time is its steady state (with --clock cpu,
          // its CPU time, as the JVM engines' steady state then is).
          List<Long> cpu = nativeCpuNanos.get(e.id());
          record(
              new Cell(
                  w.name(),
                  size,
                  Kind.STEADY,
                  e.id(),
                  process.status(),
                  options.cpuClock && cpu != null && !cpu.isEmpty() ? cpu : process.nanos(),
                  process.detail()));
        } else {
          record(steadyCells.get(e.id()));
        }
      }
    }
  }

  /** With --clock cpu: the CPU time of each measured run of an engine without a harness. */
  private final Map<String, List<Long>> nativeCpuNanos = new LinkedHashMap<>();

  /**
   * Whole-process times of every engine on one workload, taken round-robin (one run of each engine,
   * then the next round) so that a change in the machine's load during the measurement falls on all
   * engines alike. An engine leaves the rounds when it fails, or when its runs have used up the
   * budget (after one measured run at least). Engines other than interpreters get one unmeasured
   * warm-up run first (page cache, CPU frequency); an interpreter's runs are long enough that such
   * effects are below the noise.
   */
  private Map<String, Cell> measureProcesses(
      List<EngineSpec> running, Workload w, Size size, Path module, String expected)
      throws IOException {
    boolean wanted = options.kinds.contains(Kind.PROCESS);
    Map<String, Cell> result = new LinkedHashMap<>();
    Map<String, List<Long>> times = new LinkedHashMap<>();
    Map<String, Long> spent = new LinkedHashMap<>();
    for (EngineSpec e : running) {
      times.put(e.id(), new ArrayList<>());
      spent.put(e.id(), 0L);
    }
    for (int round = -1; round < options.runs; round++) {
      for (EngineSpec e : running) {
        // Without whole-process figures, only native's time (its steady state) is needed.
        boolean needed = wanted || e.steadyCommand() == null;
        boolean warmupRound = round < 0;
        if (!needed
            || result.containsKey(e.id())
            || (warmupRound && e.interpreter())
            || (round > 0 && spent.get(e.id()) >= options.budget.toNanos())) {
          continue;
        }
        List<String> command =
            e.processCommand().of(new Invocation(w, module, w.args(size), 0, 1, 0));
        ProcessRun r = ProcessRun.run(command, options.bench, options.timeout);
        Cell failure = failure(e, w, size, Kind.PROCESS, r, expected);
        if (failure != null) {
          result.put(e.id(), failure);
        } else if (!warmupRound) {
          times.get(e.id()).add(r.nanos());
          spent.merge(e.id(), r.nanos(), Long::sum);
          long cpu = EngineSpec.cpuNanos(r.stderr());
          if (e.steadyCommand() == null && cpu >= 0) {
            nativeCpuNanos.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(cpu);
          }
        }
      }
    }
    for (EngineSpec e : running) {
      if (!result.containsKey(e.id()) && !times.get(e.id()).isEmpty()) {
        result.put(
            e.id(),
            new Cell(w.name(), size, Kind.PROCESS, e.id(), Status.OK, times.get(e.id()), null));
      }
    }
    return result;
  }

  /**
   * The steady-state cells of the engines with an in-process harness, each from {@code --forks}
   * JVMs taken round-robin (one JVM of each engine, then the next round), so that a JIT decision
   * peculiar to one JVM, or a change in the machine's load, does not decide a cell alone. The
   * measured runs of all of an engine's JVMs are pooled; an engine that fails in one JVM fails.
   */
  private Map<String, Cell> measureSteadyForks(
      List<EngineSpec> running, Workload w, Size size, Path module, String expected)
      throws IOException {
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (int fork = 0; fork < options.forks; fork++) {
      for (EngineSpec e : running) {
        Cell before = cells.get(e.id());
        if (e.steadyCommand() == null || (before != null && before.status() != Status.OK)) {
          continue;
        }
        Cell c = measureSteady(e, w, size, module, expected);
        if (before == null || c.status() != Status.OK) {
          cells.put(e.id(), c);
        } else {
          List<Long> nanos = new ArrayList<>(before.nanos());
          nanos.addAll(c.nanos());
          List<Long> warmup = new ArrayList<>(before.warmupNanos());
          warmup.addAll(c.warmupNanos());
          cells.put(
              e.id(),
              new Cell(w.name(), size, Kind.STEADY, e.id(), Status.OK, nanos, null, warmup));
        }
      }
    }
    return cells;
  }

  private Cell measureSteady(EngineSpec e, Workload w, Size size, Path module, String expected)
      throws IOException {
    Invocation invocation =
        new Invocation(
            w, module, w.args(size), options.warmup, options.runs, options.budget.toSeconds());
    // Every warm-up run and one measured run may each take up to the timeout, then the budget.
    Duration timeout = options.timeout.multipliedBy(options.warmup + 1).plus(options.budget);
    ProcessRun r = ProcessRun.run(e.steadyCommand().of(invocation), options.bench, timeout);
    Cell failure = failure(e, w, size, Kind.STEADY, r, expected);
    if (failure != null) {
      return failure;
    }
    Matcher engine = ENGINE.matcher(r.stderr());
    if (engine.find()) {
      descriptions.put(
          e.id(), e.description() + ". In-process it reports: " + engine.group(1).strip());
    }
    Matcher times = TIMES.matcher(r.stderr());
    if (!times.find()) {
      return new Cell(
          w.name(),
          size,
          Kind.STEADY,
          e.id(),
          Status.FAILED,
          List.of(),
          "no BENCH-TIMES line from the harness");
    }
    List<Long> nanos = Arrays.stream(times.group(1).strip().split(" ")).map(Long::valueOf).toList();
    Matcher warmup = WARMUP.matcher(r.stderr());
    List<Long> warmupNanos =
        warmup.find()
            ? Arrays.stream(warmup.group(1).strip().split(" ")).map(Long::valueOf).toList()
            : List.of();
    return new Cell(w.name(), size, Kind.STEADY, e.id(), Status.OK, nanos, null, warmupNanos);
  }

  /** The failed cell for a run that timed out, failed or printed the wrong thing, else null. */
  private static Cell failure(
      EngineSpec e, Workload w, Size size, Kind kind, ProcessRun r, String expected) {
    if (r.timedOut()) {
      return new Cell(
          w.name(),
          size,
          kind,
          e.id(),
          Status.TIMEOUT,
          List.of(),
          "over " + Duration.ofNanos(r.nanos()).toSeconds() + " s");
    }
    if (r.stderr().contains(LAUNCHER_BUILDING)) {
      return new Cell(
          w.name(),
          size,
          kind,
          e.id(),
          Status.FAILED,
          List.of(),
          "the cortado launcher rebuilt the project during the run (a source file changed)");
    }
    if (r.status() != 0) {
      return new Cell(
          w.name(),
          size,
          kind,
          e.id(),
          Status.FAILED,
          List.of(),
          "exit status " + r.status() + ": " + r.stderrTail());
    }
    if (!w.checkedOutput(r.stdout()).equals(expected)) {
      return new Cell(
          w.name(),
          size,
          kind,
          e.id(),
          Status.WRONG_OUTPUT,
          List.of(),
          "expected " + firstLine(expected) + ", got " + firstLine(w.checkedOutput(r.stdout())));
    }
    return null;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int end = t.indexOf('\n');
    return "'" + (end < 0 ? t : t.substring(0, end) + " ...") + "'";
  }

  private void record(Cell c) {
    cells.add(c);
    String result =
        c.ok()
            ? String.format("%.1f ms (median of %d)", c.medianNanos() / 1e6, c.nanos().size())
            : c.status().text + ": " + c.detail();
    log(
        "[%d/%d] %s %s %s %s: %s",
        step, steps, c.size().label(), c.workload(), c.engine(), c.kind().label(), result);
  }

  private static void log(String format, Object... args) {
    System.err.println(String.format(format, args));
    System.err.flush();
  }
}
