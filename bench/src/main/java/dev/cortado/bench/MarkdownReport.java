package dev.cortado.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Markdown page of a run: environment, engines, then per table ratios, times, failures. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Results results, List<Table> tables, String name) {
    StringBuilder md = new StringBuilder();
    md.append("# Cortado benchmarks: ").append(name).append("\n\n");
    for (Map.Entry<String, String> fact : results.environment().entrySet()) {
      md.append("- ").append(fact.getKey()).append(": ").append(code(fact.getValue())).append('\n');
    }
    md.append(
        """

        Every number below is a ratio of median times measured in this run on the same .wasm \
        files: 2.00 means twice the baseline's time (slower), 0.50 half (faster). Geometric means \
        cover the workloads where both engines succeeded (a count shows when that is not all). \
        *Steady state* is the median of in-process runs after warm-up runs; *whole process* is \
        the median wall time of fresh processes (JVM start, decoding, compiling included). \
        Interpreters run the small sizes only.

        ## Engines

        | engine | what ran |
        |---|---|
        """);
    for (Map.Entry<String, String> e : results.descriptions().entrySet()) {
      md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
    }
    for (Map.Entry<String, String> e : results.unavailable().entrySet()) {
      md.append("| ").append(e.getKey()).append(" | not run: ").append(e.getValue()).append(" |\n");
    }
    for (Table t : tables) {
      md.append("\n## ")
          .append(capitalized(t.size.label()))
          .append(" size, ")
          .append(t.kind.title)
          .append("\n\n");
      md.append("![ratios to native](").append(Results.chartName(name, t)).append(")\n\n");
      md.append("Time relative to native (lower is better):\n\n");
      ratioTable(md, t, Table.NATIVE);
      if (t.cortadoBest != null) {
        md.append("\nTime relative to ")
            .append(t.cortadoBest)
            .append(", Cortado's best mode here (lower is better):\n\n");
        ratioTable(md, t, t.cortadoBest);
      }
      md.append("\nMedian times in milliseconds (number of measured runs):\n\n");
      timeTable(md, t);
      failures(md, t);
    }
    return md.toString();
  }

  private static void ratioTable(StringBuilder md, Table t, String baseline) {
    header(md, t);
    for (String w : t.workloads) {
      List<String> row = new ArrayList<>();
      row.add(w);
      for (String e : t.engines) {
        Double r = t.ratio(w, e, baseline);
        Cell c = t.cell(w, e);
        if (r != null) {
          row.add(ratio(r));
        } else if (c != null && !c.ok()) {
          row.add(c.status().text);
        } else {
          row.add("");
        }
      }
      line(md, row);
    }
    List<String> mean = new ArrayList<>();
    mean.add("**geomean**");
    for (String e : t.engines) {
      Table.Geomean g = t.geomean(e, baseline);
      if (g.count() == 0) {
        mean.add("");
      } else {
        mean.add(
            "**"
                + ratio(g.value())
                + "**"
                + (g.complete() ? "" : " (" + g.count() + "/" + g.of() + ")"));
      }
    }
    line(md, mean);
  }

  private static void timeTable(StringBuilder md, Table t) {
    header(md, t);
    for (String w : t.workloads) {
      List<String> row = new ArrayList<>();
      row.add(w);
      for (String e : t.engines) {
        Cell c = t.cell(w, e);
        if (c == null) {
          row.add("");
        } else if (c.ok()) {
          row.add(String.format("%.1f (%d)", c.medianNanos() / 1e6, c.nanos().size()));
        } else {
          row.add(c.status().text);
        }
      }
      line(md, row);
    }
  }

  private static void failures(StringBuilder md, Table t) {
    List<String> notes = new ArrayList<>();
    for (String w : t.workloads) {
      for (String e : t.engines) {
        Cell c = t.cell(w, e);
        if (c != null && !c.ok()) {
          notes.add("- " + w + " on " + e + ": " + c.status().text + ": " + code(c.detail()));
        }
      }
    }
    if (!notes.isEmpty()) {
      md.append("\nFailures:\n\n").append(String.join("\n", notes)).append('\n');
    }
  }

  private static void header(StringBuilder md, Table t) {
    List<String> names = new ArrayList<>();
    names.add("workload");
    names.addAll(t.engines);
    line(md, names);
    md.append("|---").append("|---:".repeat(t.engines.size())).append("|\n");
  }

  private static void line(StringBuilder md, List<String> cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  /** Text safe inside a table or list: no pipes or newlines. */
  private static String code(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  /** Three significant digits at most, two decimals at least: 123, 12.3, 1.23, 0.012. */
  static String ratio(double r) {
    if (r >= 100) {
      return String.format(java.util.Locale.ROOT, "%.0f", r);
    }
    if (r >= 10) {
      return String.format(java.util.Locale.ROOT, "%.1f", r);
    }
    if (r >= 0.1) {
      return String.format(java.util.Locale.ROOT, "%.2f", r);
    }
    return new java.math.BigDecimal(r)
        .round(new java.math.MathContext(2))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
