package dev.cortado.bench;

import dev.cortado.bench.Cell.Kind;
import dev.cortado.bench.Workload.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the {@link Runner} measured, and the files it becomes: {@code NAME.md}
 * (tables), {@code NAME.json} (the same plus every raw time) and {@code NAME-SIZE-KIND.svg} (bar
 * charts of the ratios to native).
 */
record Results(
    Map<String, String> environment,
    Map<String, String> descriptions,
    Map<String, String> unavailable,
    List<String> engineOrder,
    List<String> workloadOrder,
    List<Cell> cells,
    Options options) {

  /** The non-empty tables, full size first, steady state before whole process. */
  List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    for (Size size : options.sizes) {
      for (Kind kind : List.of(Kind.STEADY, Kind.PROCESS)) {
        if (options.kinds.contains(kind)) {
          Table t = new Table(size, kind, engineOrder, workloadOrder, cells);
          if (!t.isEmpty()) {
            tables.add(t);
          }
        }
      }
    }
    return tables;
  }

  static String chartName(String name, Table t) {
    return name + "-" + t.size.label() + "-" + t.kind.label() + ".svg";
  }

  void write(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    List<Table> tables = tables();
    Files.writeString(dir.resolve(name + ".md"), MarkdownReport.render(this, tables, name));
    Files.writeString(dir.resolve(name + ".json"), Json.write(json(tables)));
    for (Table t : tables) {
      Files.writeString(dir.resolve(chartName(name, t)), SvgChart.render(t));
    }
    System.err.println(
        "wrote " + dir.resolve(name + ".md") + ", .json and " + tables.size() + " charts");
  }

  private Map<String, Object> json(List<Table> tables) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("environment", environment);
    root.put("engines", descriptions);
    root.put("not_run", unavailable);
    List<Object> tableList = new ArrayList<>();
    for (Table t : tables) {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("size", t.size.label());
      table.put("kind", t.kind.label());
      table.put("engines", t.engines);
      table.put("cortado_best", t.cortadoBest);
      List<Object> rows = new ArrayList<>();
      for (String w : t.workloads) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", w);
        Map<String, Object> medians = new LinkedHashMap<>();
        Map<String, Object> toNative = new LinkedHashMap<>();
        Map<String, Object> toCortado = new LinkedHashMap<>();
        for (String e : t.engines) {
          Double m = t.median(w, e);
          medians.put(e, m == null ? statusOf(t, w, e) : m / 1e6);
          toNative.put(e, t.ratio(w, e, Table.NATIVE));
          toCortado.put(e, t.ratio(w, e, t.cortadoBest));
        }
        row.put("median_ms", medians);
        row.put("ratio_to_native", toNative);
        row.put("ratio_to_cortado_best", toCortado);
        rows.add(row);
      }
      table.put("rows", rows);
      table.put("geomean_to_native", geomeans(t, Table.NATIVE));
      table.put("geomean_to_cortado_best", geomeans(t, t.cortadoBest));
      tableList.add(table);
    }
    root.put("tables", tableList);
    List<Object> raw = new ArrayList<>();
    for (Cell c : cells) {
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("workload", c.workload());
      cell.put("size", c.size().label());
      cell.put("kind", c.kind().label());
      cell.put("engine", c.engine());
      cell.put("status", c.status().text);
      cell.put("nanos", c.nanos());
      if (!c.warmupNanos().isEmpty()) {
        cell.put("warmup_nanos", c.warmupNanos());
      }
      if (c.detail() != null) {
        cell.put("detail", c.detail());
      }
      raw.add(cell);
    }
    root.put("cells", raw);
    return root;
  }

  private static Object statusOf(Table t, String workload, String engine) {
    Cell c = t.cell(workload, engine);
    return c == null ? null : c.status().text;
  }

  private static Map<String, Object> geomeans(Table t, String baseline) {
    Map<String, Object> means = new LinkedHashMap<>();
    if (baseline == null) {
      return means;
    }
    for (String e : t.engines) {
      Table.Geomean g = t.geomean(e, baseline);
      Map<String, Object> mean = new LinkedHashMap<>();
      mean.put("value", g.value());
      mean.put("workloads", g.count());
      mean.put("of", g.of());
      means.put(e, mean);
    }
    return means;
  }
}
