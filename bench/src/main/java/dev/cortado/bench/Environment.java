package dev.cortado.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and with what a run was measured, for the reports: a ratio means little without the
 * machine, the tool versions, and how busy the machine was (load average before and after).
 */
public final class Environment {
  private final Map<String, String> facts = new LinkedHashMap<>();
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private Environment() {}

  static Environment capture(Options options) {
    Environment e = new Environment();
    Map<String, String> f = e.facts;
    f.put("date", e.start.toString());
    f.put("command", options.command.isEmpty() ? "(Runner started directly)" : options.command);
    f.put("machine", machine());
    f.put("os", osName());
    f.put("load average at start", loadAverage());
    f.put("java", firstLine(List.of(options.java.toString(), "-version"), true));
    f.put(
        "node",
        options.node == null
            ? "none"
            : firstLine(List.of(options.node.toString(), "--version"), false));
    f.put("gcc", firstLine(List.of("gcc", "--version"), false));
    f.put("clang (wasm builds)", readFirstLine(options.bench.resolve("workloads/wasm/COMPILER")));
    f.put("sqlite3 source", readFirstLine(options.bench.resolve("build/sqlite/VERSION")));
    f.put(
        "settings",
        String.format(
            "runs %d, in-process warm-up %d, %d JVM(s) per steady-state cell, timeout %d s per run,"
                + " budget %d s per cell; %s",
            options.runs,
            options.warmup,
            options.forks,
            options.timeout.toSeconds(),
            options.budget.toSeconds(),
            options.cpuClock
                ? "steady state in CPU time (JVM engines: the guest thread's; node: the process's;"
                    + " native: the process's user + system time), whole-process figures in wall"
                    + " time"
                : "wall time"));
    return e;
  }

  /** The facts, with the run's duration and the load average at its end added. */
  Map<String, String> finish() {
    Duration took = Duration.between(start, Instant.now());
    facts.put("load average at end", loadAverage());
    facts.put("duration", took.toMinutes() + " min " + took.toSecondsPart() + " s");
    return facts;
  }

  /** The machine, OS and JVM in one line, for reports that have no {@link Options}. */
  public static String summary() {
    return machine()
        + "; "
        + osName()
        + "; Java "
        + System.getProperty("java.vm.version")
        + " ("
        + System.getProperty("java.vm.vendor")
        + "); load average "
        + loadAverage();
  }

  private static String machine() {
    String cpu = "unknown CPU";
    String memory = "";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          memory = String.format(", %.0f GiB memory", kb / 1024.0 / 1024.0);
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the core count is still worth printing.
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + memory;
  }

  private static String osName() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // Fall through to the JVM's idea.
    }
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  private static String loadAverage() {
    String line = readFirstLine(Path.of("/proc/loadavg"));
    String[] parts = line.split(" ");
    return parts.length >= 3 ? String.join(" ", parts[0], parts[1], parts[2]) : line;
  }

  private static String readFirstLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.isEmpty() ? "" : lines.getFirst().strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The first line a tool prints about its version ({@code java -version} prints on stderr). */
  private static String firstLine(List<String> command, boolean stderr) {
    try {
      ProcessRun r = ProcessRun.run(command, Path.of("."), Duration.ofSeconds(30));
      String text = (stderr ? r.stderr() : r.stdout()).strip();
      int end = text.indexOf('\n');
      return end < 0 ? text : text.substring(0, end);
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
