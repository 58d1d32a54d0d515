package dev.cortado.spectest;

import dev.cortado.runtime.Trap;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.WasmException;

/** One-line words for whatever a command threw. */
final class Failures {
  /** Reasons are cut here: a failure is one line, not a dump. */
  private static final int MAX_REASON = 400;

  private Failures() {}

  /**
   * Names what {@code t} says happened, on one line: the reason of a {@link CommandFailed}, {@code
   * unsupported: <feature>} for an unsupported feature, {@code trap: <message>} for a trap, the
   * exception's class and message otherwise, and for an exception that is not a {@link
   * WasmException} (a bug: e.g. a NullPointerException or StackOverflowError) also where it was
   * thrown.
   */
  static String describe(Throwable t) {
    String text =
        switch (t) {
          case CommandFailed f -> f.reason();
          case UnsupportedFeatureException u -> u.reason();
          case Trap trap -> "trap: " + trap.reason();
          case WasmException w -> w.getClass().getSimpleName() + ": " + w.getMessage();
          default -> unexpected(t);
        };
    return oneLine(text);
  }

  private static String unexpected(Throwable t) {
    StringBuilder sb = new StringBuilder("unexpected ").append(t.getClass().getSimpleName());
    if (t.getMessage() != null) {
      sb.append(": ").append(t.getMessage());
    }
    StackTraceElement[] frames = t.getStackTrace();
    if (frames.length > 0) {
      StackTraceElement top = frames[0];
      sb.append(" at ")
          .append(top.getClassName().substring(top.getClassName().lastIndexOf('.') + 1))
          .append('.')
          .append(top.getMethodName())
          .append('(')
          .append(top.getFileName())
          .append(':')
          .append(top.getLineNumber())
          .append(')');
    }
    return sb.toString();
  }

  /** {@code s} with line breaks and other control characters escaped, cut to a sane length. */
  static String oneLine(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_REASON + 3));
    for (int i = 0; i < s.length() && sb.length() < MAX_REASON; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (sb.length() >= MAX_REASON) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** {@code "s"}, with {@link #oneLine} escaping: for names and messages inside a reason. */
  static String quote(String s) {
    return "\"" + oneLine(s) + "\"";
  }

  /**
   * The 1-based line of a {@code line:column} location, or {@code fallback} when {@code location}
   * is not one.
   */
  static int lineOf(String location, int fallback) {
    if (location == null) {
      return fallback;
    }
    int colon = location.indexOf(':');
    try {
      return colon > 0 ? Integer.parseInt(location.substring(0, colon)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
