package dev.cortado.bench.jmh;

import dev.cortado.bench.StartupFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code bench/run jmh}: the JMH figures (Cortado and Chicory in the same JMH run), then the wall
 * time of one process running hello.wasm on each engine, written to {@code results/jmh.md} and
 * {@code results/jmh.json}.
 *
 * <pre>
 * JmhRun --bench DIR --root DIR --classpath CP [--command TEXT] [-- JMH OPTIONS]
 * </pre>
 *
 * <p>JMH options (e.g. {@code -f 2 -wi 5 -i 10}, or a benchmark regex) replace the defaults: one
 * fork, 3 warm-up and 5 measured iterations of 2 s.
 */
public final class JmhRun {
  private JmhRun() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        jmhArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
        break;
      }
      options.put(args[i].replaceFirst("^--", ""), args[++i]);
    }
    Path bench = Path.of(options.getOrDefault("bench", "bench")).toAbsolutePath();
    Path root = Path.of(options.getOrDefault("root", bench.getParent().toString()));
    String classPath = options.getOrDefault("classpath", System.getProperty("java.class.path"));
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // The tiers: the code cache only changes start-up, which StartupFigures measures.
    List<String> engines =
        new ArrayList<>(List.of("cortado-interpreter", "cortado-compiled", "cortado-tiered"));
    engines.addAll(List.of("chicory-interpreter", "chicory-compiler"));

    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    ChainedOptionsBuilder builder = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      builder.include(JmhRun.class.getPackageName() + "\\..*Benchmark");
    }
    if (!cli.getForkCount().hasValue()) {
      builder.forks(1);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      builder.warmupIterations(3);
    }
    if (!cli.getWarmupTime().hasValue()) {
      builder.warmupTime(TimeValue.seconds(2));
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      builder.measurementIterations(5);
    }
    if (!cli.getMeasurementTime().hasValue()) {
      builder.measurementTime(TimeValue.seconds(2));
    }
    if (cli.getParameter("engine").hasValue()) {
      engines = List.copyOf(cli.getParameter("engine").get());
    } else {
      builder.param("engine", engines.toArray(String[]::new));
    }
    builder.jvmArgsAppend(
        "-D" + BenchFiles.BENCH_DIR_PROPERTY + "=" + bench,
        // JMH reads fields through sun.misc.Unsafe, which JDK 25 warns about on every start.
        "--sun-misc-unsafe-memory-access=allow",
        // As the cortado launcher: compiled code reaches memory through jdk.internal.misc.Unsafe.
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
    System.setProperty(BenchFiles.BENCH_DIR_PROPERTY, bench.toString());
    Collection<RunResult> results = new Runner(builder.build()).run();

    List<StartupFigures.Timing> startup = StartupFigures.measure(bench, root, classPath);

    long parseBytes = Files.size(BenchFiles.parseModule());
    JmhReport report =
        new JmhReport(
            Figure.all(parseBytes),
            engines,
            results,
            startup,
            Map.of(
                "date", start.toString(),
                "command", options.getOrDefault("command", "(JmhRun started directly)"),
                "jmh", String.join(" ", jmhArgs)));
    Path out = bench.resolve("results");
    Files.createDirectories(out);
    Files.writeString(out.resolve("jmh.md"), report.markdown());
    Files.writeString(out.resolve("jmh.json"), report.json());
    System.err.println("wrote " + out.resolve("jmh.md") + " and jmh.json");
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    double magnitude = Math.abs(value);
    String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
