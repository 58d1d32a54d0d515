package dev.cortado.bench;

import dev.cortado.bench.Cell.Kind;
import dev.cortado.bench.Workload.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of one size and one kind of timing, arranged as workloads by engines, with the ratios
 * every report shows: to native, and to Cortado's best mode. All ratios are time over time on the
 * same .wasm in the same run of the runner: above 1 means slower than the baseline.
 */
final class Table {
  static final String NATIVE = "native";

  final Size size;
  final Kind kind;
  final List<String> engines;
  final List<String> workloads;
  private final Map<String, Cell> cells = new HashMap<>();

  /** The Cortado mode the second ratio table divides by, or null if no Cortado mode ran. */
  final String cortadoBest;

  Table(
      Size size, Kind kind, List<String> engineOrder, List<String> workloadOrder, List<Cell> all) {
    this.size = size;
    this.kind = kind;
    List<String> seenEngines = new ArrayList<>();
    List<String> seenWorkloads = new ArrayList<>();
    for (Cell c : all) {
      if (c.size() == size && c.kind() == kind) {
        cells.put(key(c.workload(), c.engine()), c);
      }
    }
    for (String e : engineOrder) {
      if (cells.keySet().stream().anyMatch(k -> k.endsWith("\t" + e))) {
        seenEngines.add(e);
      }
    }
    for (String w : workloadOrder) {
      if (cells.keySet().stream().anyMatch(k -> k.startsWith(w + "\t"))) {
        seenWorkloads.add(w);
      }
    }
    this.engines = List.copyOf(seenEngines);
    this.workloads = List.copyOf(seenWorkloads);
    this.cortadoBest = pickCortadoBest();
  }

  boolean isEmpty() {
    return workloads.isEmpty();
  }

  Cell cell(String workload, String engine) {
    return cells.get(key(workload, engine));
  }

  /** The median time in nanoseconds, or null if the cell is missing or failed. */
  Double median(String workload, String engine) {
    Cell c = cell(workload, engine);
    return c != null && c.ok() ? c.medianNanos() : null;
  }

  /** {@code engine}'s time over {@code baseline}'s on one workload, or null. */
  Double ratio(String workload, String engine, String baseline) {
    Double time = median(workload, engine);
    Double base = baseline == null ? null : median(workload, baseline);
    return time == null || base == null ? null : time / base;
  }

  /** The geometric mean of {@code engine}'s ratios to {@code baseline}, with how many went in. */
  Geomean geomean(String engine, String baseline) {
    List<Double> ratios = new ArrayList<>();
    for (String w : workloads) {
      Double r = ratio(w, engine, baseline);
      if (r != null) {
        ratios.add(r);
      }
    }
    return ratios.isEmpty()
        ? new Geomean(Double.NaN, 0, workloads.size())
        : new Geomean(Stats.geometricMean(ratios), ratios.size(), workloads.size());
  }

  /** A geometric mean over {@code count} of {@code of} workloads. */
  record Geomean(double value, int count, int of) {
    boolean complete() {
      return count == of;
    }
  }

  /** Geometric means of every engine's ratio to native, in column order. */
  Map<String, Geomean> geomeansToNative() {
    Map<String, Geomean> means = new LinkedHashMap<>();
    for (String e : engines) {
      means.put(e, geomean(e, NATIVE));
    }
    return means;
  }

  /**
   * The Cortado mode to compare with: the one that succeeded on the most workloads, and among those
   * the fastest by geometric mean of its ratios to native.
   */
  private String pickCortadoBest() {
    String best = null;
    Geomean bestMean = null;
    for (String e : engines) {
      if (!e.startsWith("cortado-")) {
        continue;
      }
      Geomean g = geomean(e, NATIVE);
      if (g.count() == 0) {
        continue;
      }
      if (best == null
          || g.count() > bestMean.count()
          || (g.count() == bestMean.count() && g.value() < bestMean.value())) {
        best = e;
        bestMean = g;
      }
    }
    return best;
  }

  private static String key(String workload, String engine) {
    return workload + "\t" + engine;
  }
}
