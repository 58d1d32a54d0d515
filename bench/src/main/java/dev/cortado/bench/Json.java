package dev.cortado.bench;

import java.util.List;
import java.util.Map;

/** Just enough JSON writing for the results file: maps, lists, strings, numbers, null. */
public final class Json {
  private Json() {}

  /**
   * {@code value} as indented JSON: a Map (keys as strings), List, String, Number, Boolean or null.
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object value, int depth) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(out, s);
      case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
      case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> map -> {
        if (map.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          indent(out, depth + 1);
          string(out, String.valueOf(e.getKey()));
          out.append(": ");
          write(out, e.getValue(), depth + 1);
          out.append(++i < map.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append('}');
      }
      case List<?> list -> {
        boolean flat = list.stream().allMatch(v -> v == null || v instanceof Number);
        if (flat) {
          out.append('[');
          for (int i = 0; i < list.size(); i++) {
            write(out, list.get(i), depth);
            out.append(i + 1 < list.size() ? ", " : "");
          }
          out.append(']');
          return;
        }
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
          indent(out, depth + 1);
          write(out, list.get(i), depth + 1);
          out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append(']');
      }
      default -> string(out, value.toString());
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
