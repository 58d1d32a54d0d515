package dev.cortado.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Runs one WASI command module on one engine in this JVM, several times: the in-process harness
 * that {@link Runner} starts once per (engine, workload) for steady-state figures, and once per run
 * (with {@code --runs 1}) for whole-process figures of engines that have no command line of their
 * own.
 *
 * <pre>
 * InProcess --engine ID [--warmup W] [--runs R] [--max-seconds S] [--check REGEX] FILE.wasm [ARGS...]
 * </pre>
 *
 * <p>The module is loaded once; each run instantiates it afresh and runs {@code _start}. The
 * guest's stdout of the first run is printed on stdout (every later run must print the same, or
 * this exits with status 3); the measured runs' times go to stderr as one line {@code BENCH-TIMES
 * ns ns ...} after the warm-up runs' {@code BENCH-WARMUP ns ...}. A non-zero guest exit status ends
 * the process with that status. With {@code --max-seconds}, warming up stops once the warm-up runs
 * took that long, and measuring once the measured runs did (after one run of each at least), so
 * that a slow interpreter does not take hours. {@code -Dbench.clock=cpu} times the runs in this
 * thread's CPU time instead of wall time.
 */
public final class InProcess {
  private InProcess() {}

  public static void main(String[] args) throws Exception {
    String engineId = null;
    int warmup = 0;
    int runs = 1;
    double maxSeconds = Double.POSITIVE_INFINITY;
    Pattern check = null;
    int i = 0;
    for (; i < args.length && args[i].startsWith("--"); i++) {
      switch (args[i]) {
        case "--engine" -> engineId = args[++i];
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--max-seconds" -> maxSeconds = Double.parseDouble(args[++i]);
        case "--check" -> check = Pattern.compile(args[++i]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (engineId == null || i >= args.length || runs < 1 || warmup < 0) {
      usage("an engine and a file are required");
    }
    Path file = Path.of(args[i]);
    List<String> argv = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
    argv.set(0, file.getFileName().toString());

    WasmEngine engine = Engines.inProcess(engineId);
    System.err.println("BENCH-ENGINE " + engine.describe());
    String name = file.getFileName().toString().replaceFirst("\\.wasm$", "");
    WasmEngine.Loaded loaded = engine.load(name, Files.readAllBytes(file));

    long budget =
        maxSeconds == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) (maxSeconds * 1e9);
    Runs warmupRuns = new Runs(loaded, argv, check);
    for (int run = 0; run < warmup && (run == 0 || warmupRuns.spent < budget); run++) {
      warmupRuns.runOnce(null);
    }
    Runs measured = new Runs(loaded, argv, check);
    for (int run = 0; run < runs && (run == 0 || measured.spent < budget); run++) {
      measured.runOnce(warmupRuns.firstOutput);
    }
    printOutput(warmupRuns.firstOutput != null ? warmupRuns.firstOutput : measured.firstOutput);
    if (warmup > 0) {
      System.err.println("BENCH-WARMUP " + warmupRuns.times);
    }
    System.err.println("BENCH-TIMES " + measured.times);
    System.err.flush();
  }

  /** Runs of one kind (warm-up or measured): their times, and the output they all must print. */
  private static final class Runs {
    private final WasmEngine.Loaded loaded;
    private final List<String> argv;
    private final Pattern check;
    private final StringJoiner times = new StringJoiner(" ");
    private byte[] firstOutput;
    private long spent;
    private int count;

    Runs(WasmEngine.Loaded loaded, List<String> argv, Pattern check) {
      this.loaded = loaded;
      this.argv = argv;
      this.check = check;
    }

    /** The part of an output that must be the same in every run. */
    private String checked(byte[] output) {
      String text = new String(output, StandardCharsets.UTF_8);
      if (check == null) {
        return text;
      }
      StringBuilder kept = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (check.matcher(line).find()) {
          kept.append(line).append('\n');
        }
      }
      return kept.toString();
    }

    /** One run; exits the process if the guest fails or prints other than {@code expected}. */
    void runOnce(byte[] expected) throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long start = now();
      int status = loaded.run(argv, out);
      long elapsed = now() - start;
      count++;
      byte[] output = out.toByteArray();
      if (firstOutput == null) {
        firstOutput = output;
      }
      byte[] reference = expected != null ? expected : firstOutput;
      if (!checked(reference).equals(checked(output))) {
        printOutput(reference);
        System.err.println("in-process: a run printed something else than the first run");
        System.exit(3);
      }
      if (status != 0) {
        printOutput(output);
        System.err.println("in-process: exit status " + status + " in run " + count);
        System.exit(status);
      }
      times.add(Long.toString(elapsed));
      spent += elapsed;
    }
  }

  /**
   * The clock runs are timed with: wall time, or with {@code -Dbench.clock=cpu} the CPU time of
   * this thread, which runs the guest (not the JIT's or a tier-up compiler's threads): on a machine
   * shared with other work, CPU time is inflated far less than wall time.
   */
  private static final boolean CPU_CLOCK = "cpu".equals(System.getProperty("bench.clock"));

  private static long now() {
    return CPU_CLOCK
        ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
        : System.nanoTime();
  }

  private static void printOutput(byte[] output) throws IOException {
    System.out.write(output);
    System.out.flush();
  }

  private static void usage(String problem) {
    System.err.println("in-process: " + problem);
    System.err.println(
        "usage: InProcess --engine ID [--warmup W] [--runs R] [--max-seconds S] [--check REGEX]"
            + " FILE.wasm [ARGS...];"
            + " engines: "
            + String.join(", ", Engines.IN_PROCESS_IDS));
    System.exit(2);
  }
}
