package dev.cortado.spectest;

import java.util.ArrayList;
import java.util.List;

/**
 * The running count of one script, shared between the thread that runs it and the one that waits
 * for it: on a timeout the waiting thread reports what was counted so far.
 */
final class Tally {
  private int passed;
  private final List<ScriptResult.Failure> failures = new ArrayList<>();
  private final List<ScriptResult.Diagnostic> diagnostics = new ArrayList<>();
  private volatile int currentLine = 1;

  synchronized void pass() {
    passed++;
  }

  synchronized void fail(int line, String reason) {
    failures.add(new ScriptResult.Failure(line, reason));
  }

  synchronized void diagnostic(int line, String message) {
    diagnostics.add(new ScriptResult.Diagnostic(line, message));
  }

  /** Marks the command starting at {@code line} as the one being run. */
  void startCommand(int line) {
    currentLine = line;
  }

  /** The line of the command being run (or last run). */
  int currentLine() {
    return currentLine;
  }

  synchronized ScriptResult snapshot(String name) {
    return new ScriptResult(name, passed, failures, diagnostics);
  }
}
