package dev.cortado.bench.jmh;

import dev.cortado.bench.Environment;
import dev.cortado.bench.StartupFigures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * The JMH figures as Markdown and JSON: each figure in its natural unit per engine, then relative
 * to Cortado (time over Cortado's time, so above 1 is slower than Cortado), then start-up.
 */
final class JmhReport {
  private final List<Figure> figures;
  private final List<String> engines;
  private final List<StartupFigures.Timing> startup;
  private final Map<String, String> meta = new LinkedHashMap<>();

  /** Figure label, then engine column: the score and error in the figure's unit. */
  private final Map<String, Map<String, double[]>> values = new LinkedHashMap<>();

  JmhReport(
      List<Figure> figures,
      List<String> engines,
      Collection<RunResult> results,
      List<StartupFigures.Timing> startup,
      Map<String, String> meta) {
    this.figures = figures;
    this.engines = engines;
    this.startup = startup;
    this.meta.put("date", meta.get("date"));
    this.meta.put("command", meta.get("command"));
    this.meta.put("JMH options", meta.get("jmh").isEmpty() ? "(defaults)" : meta.get("jmh"));
    this.meta.put("machine", Environment.summary());
    for (Figure f : figures) {
      values.put(f.label(), new LinkedHashMap<>());
    }
    for (RunResult r : results) {
      String benchmark = r.getParams().getBenchmark();
      String method =
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      for (Figure f : figures) {
        if (!f.method().equals(method)) {
          continue;
        }
        String column = column(r.getParams().getParam(f.param()));
        double score = r.getPrimaryResult().getScore();
        double error = r.getPrimaryResult().getScoreError();
        double value = f.convert().applyAsDouble(score);
        double spread =
            Double.isNaN(error)
                ? Double.NaN
                : Math.abs(
                        f.convert().applyAsDouble(score + error)
                            - f.convert().applyAsDouble(score - error))
                    / 2;
        values.get(f.label()).put(column, new double[] {value, spread});
      }
    }
  }

  /**
   * The column of an engine parameter: mode-independent figures ("cortado", "chicory") go under the
   * first Cortado mode and Chicory's interpreter.
   */
  private String column(String param) {
    return switch (param) {
      case "cortado" ->
          engines.stream().filter(e -> e.startsWith("cortado-")).findFirst().orElse(param);
      case "chicory" -> "chicory-interpreter";
      default -> param;
    };
  }

  /** Time relative to Cortado's best column on the same figure; NaN if either is missing. */
  private double relative(Figure f, String engine) {
    Map<String, double[]> row = values.get(f.label());
    double[] own = row.get(engine);
    double best = Double.NaN;
    for (String e : engines) {
      double[] v = row.get(e);
      if (e.startsWith("cortado-") && v != null) {
        best =
            Double.isNaN(best)
                ? v[0]
                : f.higherIsBetter() ? Math.max(best, v[0]) : Math.min(best, v[0]);
      }
    }
    if (own == null || Double.isNaN(best)) {
      return Double.NaN;
    }
    return f.higherIsBetter() ? best / own[0] : own[0] / best;
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# Cortado JMH figures\n\n");
    meta.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append(
        """

        Each figure is JMH's mean over the measured iterations (± half the 99.9% confidence \
        interval), converted to the unit shown. Cortado and Chicory ran in the same JMH run. \
        Decoding and memory figures do not depend on the execution mode: they sit under the \
        interpreter columns.

        """);
    header(md, "figure", "unit");
    for (Figure f : figures) {
      List<String> cells =
          new ArrayList<>(List.of(f.label(), f.unit() + (f.higherIsBetter() ? " ↑" : " ↓")));
      for (String e : engines) {
        double[] v = values.get(f.label()).get(e);
        cells.add(
            v == null
                ? ""
                : JmhRun.format(v[0]) + (Double.isNaN(v[1]) ? "" : " ± " + JmhRun.format(v[1])));
      }
      row(md, cells);
    }
    md.append("\nTime relative to Cortado's best mode (above 1: slower than Cortado):\n\n");
    header(md, "figure", null);
    for (Figure f : figures) {
      List<String> cells = new ArrayList<>(List.of(f.label()));
      for (String e : engines) {
        cells.add(JmhRun.format(relative(f, e)));
      }
      row(md, cells);
    }
    md.append("\n## Start-up: one process running hello.wasm\n\n");
    md.append(
        "Wall time from process start to exit, median of the measured runs after one warm-up run."
            + " Cortado runs through the `cortado` launcher (a bash script that checks the build,"
            + " then starts the JVM), and also as `java -cp` with the benchmark harness.\n\n");
    md.append("| engine | ms | runs | relative to native |\n|---|---:|---:|---:|\n");
    double nativeMs =
        startup.stream()
            .filter(t -> t.engine().equals("native"))
            .mapToDouble(StartupFigures.Timing::medianMillis)
            .findFirst()
            .orElse(Double.NaN);
    for (StartupFigures.Timing t : startup) {
      if (t.failure() != null) {
        md.append("| ")
            .append(t.engine())
            .append(" | failed: ")
            .append(t.failure().replace("|", "\\|"))
            .append(" | | |\n");
      } else {
        md.append("| ")
            .append(t.engine())
            .append(" | ")
            .append(JmhRun.format(t.medianMillis()))
            .append(" | ")
            .append(t.runs())
            .append(" | ")
            .append(JmhRun.format(t.medianMillis() / nativeMs))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private void header(StringBuilder md, String first, String second) {
    List<String> names = new ArrayList<>();
    names.add(first);
    if (second != null) {
      names.add(second);
    }
    names.addAll(engines);
    row(md, names);
    md.append("|---")
        .append(second != null ? "|---" : "")
        .append("|---:".repeat(engines.size()))
        .append("|\n");
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("meta", meta);
    List<Object> rows = new ArrayList<>();
    for (Figure f : figures) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("figure", f.label());
      row.put("benchmark", f.method());
      row.put("unit", f.unit());
      row.put("higher_is_better", f.higherIsBetter());
      Map<String, Object> byEngine = new LinkedHashMap<>();
      for (String e : engines) {
        double[] v = values.get(f.label()).get(e);
        if (v != null) {
          Map<String, Object> cell = new LinkedHashMap<>();
          cell.put("value", v[0]);
          cell.put("error", v[1]);
          cell.put("time_relative_to_cortado_best", relative(f, e));
          byEngine.put(e, cell);
        }
      }
      row.put("engines", byEngine);
      rows.add(row);
    }
    root.put("figures", rows);
    List<Object> starts = new ArrayList<>();
    for (StartupFigures.Timing t : startup) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("engine", t.engine());
      s.put("median_ms", t.medianMillis());
      s.put("runs", t.runs());
      s.put("failure", t.failure());
      starts.add(s);
    }
    root.put("startup_hello_wasm", starts);
    return dev.cortado.bench.Json.write(root);
  }
}
