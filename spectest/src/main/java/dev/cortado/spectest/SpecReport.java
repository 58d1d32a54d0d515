package dev.cortado.spectest;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs scripts one after the other and prints one line per script, its failures indented below it,
 * and at the end the totals as {@code N passed, M failed}.
 */
public final class SpecReport {
  private final WastRunner runner;
  private final boolean verbose;
  private final PrintStream out;
  private int passed;
  private int failed;

  /** With {@code verbose}, diagnostics (e.g. differently worded error messages) are printed too. */
  public SpecReport(WastRunner runner, boolean verbose, PrintStream out) {
    this.runner = runner;
    this.verbose = verbose;
    this.out = out;
  }

  /** Runs and reports each file, then prints the totals line. */
  public void runAll(List<SpecTestSuite.SpecFile> files) {
    for (SpecTestSuite.SpecFile file : files) {
      report(runner.runFile(file.path(), file.name()));
    }
    printTotals();
  }

  /** Prints one script's result and adds it to the totals. */
  public void report(ScriptResult result) {
    passed += result.passed();
    failed += result.failed();
    out.println(result.summaryLine());
    for (ScriptResult.Failure f : result.failures()) {
      out.println("    " + result.describe(f));
    }
    if (verbose) {
      for (ScriptResult.Diagnostic d : result.diagnostics()) {
        out.println("    note: " + result.describe(d));
      }
    }
    out.flush();
  }

  /** Prints exactly {@code N passed, M failed}. */
  public void printTotals() {
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
  }

  public int passed() {
    return passed;
  }

  public int failed() {
    return failed;
  }
}
