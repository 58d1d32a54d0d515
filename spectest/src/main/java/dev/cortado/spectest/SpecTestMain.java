package dev.cortado.spectest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code .wast} scripts from the command line and prints one line per script and a closing
 * {@code N passed, M failed}.
 *
 * <pre>
 * java -p ... -m dev.cortado.spectest/dev.cortado.spectest.SpecTestMain lists/2.0-core.txt
 * </pre>
 *
 * <p>Exit code 0 when everything passed, 1 when something failed, 2 on a usage error.
 */
public final class SpecTestMain {
  static final String USAGE =
      """
      usage: SpecTestMain [options] FILE...
        FILE                 a .wast script, or a list file (.txt) naming scripts one a line;
                             paths not found as given are looked up in the testsuite folder
        --tier NAME          execution tier: %s (default interpreter)
        --testsuite DIR      the testsuite folder (default: system property wasm.testsuite,
                             else %s)
        --timeout SECONDS    how long one script may run (default %d)
        -v, --verbose        also print diagnostics, e.g. differently worded error messages
        -h, --help           print this help
      """;

  private SpecTestMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line {@code args}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Tier tier = Tier.INTERPRETER;
    SpecTestSuite suite = SpecTestSuite.fromSystemProperty();
    Duration timeout = WastRunner.DEFAULT_TIMEOUT;
    boolean verbose = false;
    List<String> files = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> {
            out.print(usage());
            return 0;
          }
          case "-v", "--verbose" -> verbose = true;
          case "--tier" -> tier = Tier.parse(value(args, ++i, arg));
          case "--testsuite" -> suite = new SpecTestSuite(Path.of(value(args, ++i, arg)));
          case "--timeout" -> timeout = seconds(value(args, ++i, arg));
          default -> {
            if (arg.startsWith("-")) {
              throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            files.add(arg);
          }
        }
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no scripts given");
      }
      List<SpecTestSuite.SpecFile> scripts = suite.resolve(files);
      SpecReport report = new SpecReport(new WastRunner(tier, timeout, null), verbose, out);
      report.runAll(scripts);
      return report.failed() == 0 ? 0 : 1;
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      err.println("Try '--help' for more information.");
      return 2;
    }
  }

  static String usage() {
    return USAGE.formatted(
        Tier.names(), SpecTestSuite.DEFAULT_ROOT, WastRunner.DEFAULT_TIMEOUT.toSeconds());
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + option + " needs a value");
    }
    return args[i];
  }

  /** A positive whole number of seconds. */
  static Duration seconds(String text) {
    try {
      long s = Long.parseLong(text);
      if (s > 0) {
        return Duration.ofSeconds(s);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "invalid timeout '" + text + "': expected a positive number of seconds");
  }
}
