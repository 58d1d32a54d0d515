package dev.cortado.cli;

import dev.cortado.spectest.SpecReport;
import dev.cortado.spectest.SpecTestSuite;
import dev.cortado.spectest.Tier;
import dev.cortado.spectest.WastRunner;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cortado wast}: runs {@code .wast} scripts (the spec test format) and reports. */
@Command(
    name = "wast",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Runs .wast scripts (the spec test format).",
    description = {
      "Runs .wast scripts and prints one line per script, its failures indented below,",
      "and at the end 'N passed, M failed'. Exits 0 if nothing failed, else 1.",
      "A FILE ending in .txt is a list of scripts, one a line, relative to the testsuite."
    })
final class WastScriptCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      converter = TierConverter.class,
      completionCandidates = TierConverter.class,
      description = "How to execute: ${COMPLETION-CANDIDATES} (default: interpreter).")
  Tier tier = Tier.INTERPRETER;

  @Option(
      names = "--testsuite",
      paramLabel = "DIR",
      description =
          "Where to look up scripts and lists not found as given (default: "
              + SpecTestSuite.DEFAULT_ROOT
              + ").")
  Path testsuite;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long one script may run (default: 60).")
  long timeoutSeconds = WastRunner.DEFAULT_TIMEOUT.toSeconds();

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print diagnostics, e.g. differently worded error messages.")
  boolean verbose;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scripts (.wast) or lists (.txt).")
  List<String> files;

  WastScriptCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (timeoutSeconds <= 0) {
      throw CliError.usage("--timeout must be a positive number of seconds");
    }
    SpecTestSuite suite =
        testsuite != null ? new SpecTestSuite(testsuite) : SpecTestSuite.fromSystemProperty();
    List<SpecTestSuite.SpecFile> scripts;
    try {
      scripts = suite.resolve(files);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw CliError.error(e.getMessage());
    }
    WastRunner runner = new WastRunner(tier, Duration.ofSeconds(timeoutSeconds), null);
    SpecReport report = new SpecReport(runner, verbose, io.out());
    report.runAll(scripts);
    return report.failed() == 0 ? ExitCode.OK : ExitCode.ERROR;
  }
}
