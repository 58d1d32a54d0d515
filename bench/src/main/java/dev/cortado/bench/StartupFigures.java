package dev.cortado.bench;

import dev.cortado.bench.EngineSpec.Invocation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up: the wall time of one process that runs hello.wasm, for every engine the runner knows,
 * with the same commands as its whole-process figures ({@code ./cortado run} for Cortado). For
 * Cortado the in-process harness on a plain class path is timed too, which tells the launcher's own
 * cost apart from the JVM's.
 */
public final class StartupFigures {
  private static final int RUNS = 10;

  private StartupFigures() {}

  /**
   * One engine's start-up figure.
   *
   * @param engine the engine, as the runner names it
   * @param medianMillis the median wall time, or NaN if it failed
   * @param runs how many runs the median is of
   * @param failure why it failed, or null
   */
  public record Timing(String engine, double medianMillis, int runs, String failure) {}

  /** Times every available engine: one warm-up run, then {@value #RUNS} measured runs each. */
  public static List<Timing> measure(Path bench, Path root, String classPath) throws IOException {
    Options options =
        Options.parse(
            new String[] {
              "--bench", bench.toString(), "--root", root.toString(), "--classpath", classPath
            });
    Workload hello = new Workload("hello", "workloads/wasm/hello.wasm", List.of(), List.of(), null);
    Path module = bench.resolve(hello.module());
    List<Timing> timings = new ArrayList<>();
    String expected = "hello from wasm\n";
    for (EngineSpec e : EngineSpec.all(options.setup())) {
      if (e.unavailable() != null) {
        continue;
      }
      Invocation once = new Invocation(hello, module, List.of(), 0, 1, 0);
      timings.add(time(e.id(), e.processCommand().of(once), bench, expected));
      if (e.id().startsWith("cortado-") && e.steadyCommand() != null) {
        timings.add(
            time(e.id() + " (java -cp, harness)", e.steadyCommand().of(once), bench, expected));
      }
    }
    return timings;
  }

  private static Timing time(String engine, List<String> command, Path bench, String expected)
      throws IOException {
    List<Long> nanos = new ArrayList<>();
    for (int run = 0; run <= RUNS; run++) {
      ProcessRun r = ProcessRun.run(command, bench, Duration.ofSeconds(120));
      boolean rebuilt = r.stderr().contains("cortado: building with Maven");
      if (rebuilt || r.timedOut() || r.status() != 0 || !r.stdout().equals(expected)) {
        String why =
            rebuilt
                ? "the cortado launcher rebuilt the project (a source file changed)"
                : r.timedOut()
                    ? "timeout"
                    : r.status() != 0
                        ? "exit status " + r.status() + ": " + r.stderrTail()
                        : "wrong output";
        return new Timing(engine, Double.NaN, 0, why);
      }
      if (run > 0) {
        nanos.add(r.nanos());
      }
    }
    System.err.printf("start-up %s: %.1f ms%n", engine, Stats.median(nanos) / 1e6);
    return new Timing(engine, Stats.median(nanos) / 1e6, nanos.size(), null);
  }
}
