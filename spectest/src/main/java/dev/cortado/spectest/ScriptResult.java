package dev.cortado.spectest;

import java.util.List;

/**
 * What running one {@code .wast} script gave: how many commands passed, and each failure.
 *
 * @param name the script's name as reports show it, e.g. {@code 2.0/i32.wast}
 * @param passed how many commands (modules, actions, assertions, registrations) passed
 * @param failures the commands that failed, in script order, each with a one-line reason
 * @param diagnostics remarks that are not failures: e.g. a malformed module rejected with another
 *     message than the script expects
 */
public record ScriptResult(
    String name, int passed, List<Failure> failures, List<Diagnostic> diagnostics) {
  public ScriptResult {
    failures = List.copyOf(failures);
    diagnostics = List.copyOf(diagnostics);
  }

  /** A failed command: the script line of its opening parenthesis and why it failed. */
  public record Failure(int line, String reason) {}

  /** A remark on a passing command, e.g. expected vs actual error message. */
  public record Diagnostic(int line, String message) {}

  public int failed() {
    return failures.size();
  }

  /** Whether no command failed. */
  public boolean ok() {
    return failures.isEmpty();
  }

  /**
   * The report's line for this script: {@code PASS 2.0/i32.wast 412 passed} or {@code FAIL
   * 2.0/x.wast 10 passed, 2 failed}.
   */
  public String summaryLine() {
    return ok()
        ? "PASS  " + name + "  " + passed + " passed"
        : "FAIL  " + name + "  " + passed + " passed, " + failed() + " failed";
  }

  /** {@code name:line: reason}. */
  public String describe(Failure f) {
    return name + ":" + f.line() + ": " + f.reason();
  }

  /** {@code name:line: message}. */
  public String describe(Diagnostic d) {
    return name + ":" + d.line() + ": " + d.message();
  }
}
