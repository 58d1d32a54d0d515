package dev.cortado.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped horizontal bar chart of one table's ratios to native, on a log scale (ratios from 1 to
 * 1000 must share a picture), written as plain SVG so that no charting tool is needed.
 */
final class SvgChart {
  private static final int LEFT = 120;
  private static final int PLOT_WIDTH = 620;
  private static final int RIGHT = 70;
  private static final int TOP = 56;
  private static final int BAR = 11;
  private static final int GROUP_GAP = 10;
  private static final int LEGEND_ROW = 18;

  /** Cortado's modes first in warm colours, the other engines in cool ones. */
  private static final String[] CORTADO_COLORS = {"#c8553d", "#f28f3b", "#e0b33a", "#8c2f1b"};

  private static final String[] OTHER_COLORS = {
    "#2d6a9f", "#5fa8d3", "#3c896d", "#8fc1a9", "#6c5b7b", "#9e9e9e"
  };

  private SvgChart() {}

  static String render(Table t) {
    List<String> engines = t.engines.stream().filter(e -> !e.equals(Table.NATIVE)).toList();
    List<String> groups = new ArrayList<>(t.workloads);
    groups.add("geomean");
    double max = 1;
    double min = 1;
    for (String e : engines) {
      for (String w : t.workloads) {
        Double r = t.ratio(w, e, Table.NATIVE);
        if (r != null) {
          max = Math.max(max, r);
          min = Math.min(min, r);
        }
      }
    }
    double low = Math.pow(10, Math.floor(Math.log10(min)));
    double high = Math.pow(10, Math.ceil(Math.log10(max * 1.05)));
    int groupHeight = Math.max(1, engines.size()) * BAR + GROUP_GAP;
    int legendRows = (engines.size() + 2) / 3;
    int height = TOP + groups.size() * groupHeight + 30 + legendRows * LEGEND_ROW + 10;
    int width = LEFT + PLOT_WIDTH + RIGHT;

    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
            width,
            height,
            width,
            height));
    svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
    text(
        svg,
        10,
        20,
        "start",
        14,
        "bold",
        capitalized(t.size.label()) + " size, " + t.kind.title + ": time relative to native");
    text(svg, 10, 38, "start", 11, "normal", "log scale; shorter is faster; 1 = gcc -O2 native");

    // Grid lines at 1, 2, 5 times each power of ten.
    int plotBottom = TOP + groups.size() * groupHeight;
    for (double decade = low; decade < high * 1.001; decade *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        double v = decade * m;
        if (v < low * 0.999 || v > high * 1.001) {
          continue;
        }
        double x = x(v, low, high);
        String stroke = v == 1 ? "#333333" : "#dddddd";
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
                x,
                TOP - 4,
                x,
                plotBottom,
                stroke));
        text(svg, x, plotBottom + 14, "middle", 10, "normal", number(v));
      }
    }

    for (int g = 0; g < groups.size(); g++) {
      String group = groups.get(g);
      int y0 = TOP + g * groupHeight;
      boolean geomean = group.equals("geomean");
      text(
          svg,
          LEFT - 8,
          y0 + (groupHeight - GROUP_GAP) / 2.0 + 4,
          "end",
          11,
          geomean ? "bold" : "normal",
          group);
      for (int i = 0; i < engines.size(); i++) {
        String e = engines.get(i);
        double y = y0 + i * BAR;
        Double r;
        String label;
        if (geomean) {
          Table.Geomean m = t.geomean(e, Table.NATIVE);
          r = m.count() == 0 ? null : m.value();
          label =
              r == null
                  ? ""
                  : number(r) + (m.complete() ? "" : " (" + m.count() + "/" + m.of() + ")");
        } else {
          r = t.ratio(group, e, Table.NATIVE);
          Cell c = t.cell(group, e);
          label = r != null ? number(r) : c != null ? c.status().text : "";
        }
        if (r != null) {
          double x0 = x(low, low, high);
          double x1 = x(r, low, high);
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                  x0,
                  y + 1,
                  Math.max(1, x1 - x0),
                  BAR - 2,
                  color(engines, e)));
          text(svg, x1 + 3, y + BAR - 2, "start", 9, "normal", label);
        } else if (!label.isEmpty()) {
          text(svg, LEFT + 3, y + BAR - 2, "start", 9, "italic", label);
        }
      }
    }

    int legendTop = plotBottom + 30;
    for (int i = 0; i < engines.size(); i++) {
      int column = i % 3;
      int row = i / 3;
      double x = LEFT + column * (PLOT_WIDTH / 3.0);
      double y = legendTop + row * LEGEND_ROW;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"10\" fill=\"%s\"/>\n",
              x,
              y,
              color(engines, engines.get(i))));
      text(svg, x + 16, y + 9, "start", 11, "normal", engines.get(i));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double x(double value, double low, double high) {
    return LEFT
        + PLOT_WIDTH * (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
  }

  private static String color(List<String> engines, String engine) {
    List<String> cortado = engines.stream().filter(e -> e.startsWith("cortado-")).toList();
    List<String> others = engines.stream().filter(e -> !e.startsWith("cortado-")).toList();
    int c = cortado.indexOf(engine);
    return c >= 0
        ? CORTADO_COLORS[c % CORTADO_COLORS.length]
        : OTHER_COLORS[others.indexOf(engine) % OTHER_COLORS.length];
  }

  private static String number(double v) {
    if (v >= 1 && v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
  }

  private static void text(
      StringBuilder svg, double x, double y, String anchor, int size, String weight, String text) {
    String style =
        weight.equals("italic") ? "font-style=\"italic\"" : "font-weight=\"" + weight + "\"";
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" %s>%s</text>\n",
            x,
            y,
            anchor,
            size,
            style,
            escape(text)));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
