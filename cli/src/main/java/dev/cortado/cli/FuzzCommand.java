package dev.cortado.cli;

import dev.cortado.spectest.SpecTestSuite;
import dev.cortado.spectest.Tier;
import dev.cortado.spectest.fuzz.DifferentialFuzzer;
import dev.cortado.spectest.fuzz.FuzzCorpus;
import dev.cortado.spectest.fuzz.MutationFuzzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cortado fuzz}: the mutation fuzzer over the decoder, validator and runtime for as long as
 * asked (see docs/limits.md); with {@code --differential}, the differential fuzzer.
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Fuzzes the decoder, validator and runtime.",
    description = {
      "Damages the testsuite's modules (bit flips, truncations, insertions, over-long LEB128s,",
      "section changes, splices) and checks that decoding, validating, instantiating and",
      "running them only ever fails with a typed WebAssembly error, and never hangs.",
      "Case N of seed S is the same on every run: --seed S --first-case N --cases 1 repeats it.",
      "With --differential: generates random valid modules with binaryen's wasm-opt",
      "(--translate-to-fuzz --denan) and checks that every Cortado mode and node's V8 log the",
      "same values, return the same results, trap alike and leave the same memory.",
      "Exits 0 if nothing was found, 1 if something was."
    })
final class FuzzCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--seconds", paramLabel = "N", description = "Run for N seconds (default: 60).")
  long seconds = 60;

  @Option(names = "--cases", paramLabel = "N", description = "Stop after N cases.")
  long cases = Long.MAX_VALUE;

  @Option(names = "--seed", paramLabel = "S", description = "The run's seed (default: random).")
  Long seed;

  @Option(names = "--first-case", paramLabel = "N", description = "Start at case N (default: 0).")
  long firstCase;

  @Option(
      names = "--no-execute",
      description = "Only decode and validate; do not instantiate and run valid cases.")
  boolean noExecute;

  @Option(
      names = "--save",
      paramLabel = "DIR",
      description = "Write each finding's module to DIR as case-SEED-N.wasm.")
  Path save;

  @Option(
      names = "--testsuite",
      paramLabel = "DIR",
      description =
          "The testsuite whose modules are the seeds (default: "
              + SpecTestSuite.DEFAULT_ROOT
              + ").")
  Path testsuite;

  @Option(
      names = "--list",
      paramLabel = "FILE",
      description = "The list of scripts to take modules from (default: lists/2.0-core.txt).")
  String list = "lists/2.0-core.txt";

  @Option(
      names = "--differential",
      description = "Differential fuzzing against node (needs wasm-opt and node on the PATH).")
  boolean differential;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Where --differential writes modules; those that disagree are kept there.")
  Path workDir;

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      converter = TierConverter.class,
      completionCandidates = TierConverter.class,
      description =
          "How valid cases run: ${COMPLETION-CANDIDATES} (default: tiered, which compiles"
              + " hot code); --differential compares every tier.")
  Tier tier = Tier.TIERED;

  FuzzCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (seconds <= 0 || cases <= 0) {
      throw CliError.usage("--seconds and --cases must be positive");
    }
    long runSeed = seed != null ? seed : System.nanoTime();
    if (differential) {
      return differential(runSeed);
    }
    SpecTestSuite suite =
        testsuite != null ? new SpecTestSuite(testsuite) : SpecTestSuite.fromSystemProperty();
    Path listFile = suite.root().resolve(list);
    if (!Files.isRegularFile(listFile)) {
      throw CliError.error("no such list: " + listFile);
    }
    List<byte[]> corpus;
    try {
      corpus = FuzzCorpus.load(suite, listFile);
    } catch (UncheckedIOException e) {
      throw CliError.error(e.getMessage());
    }
    io.out().println("fuzz: seed " + runSeed + ", " + corpus.size() + " seed modules");
    io.out().flush();
    MutationFuzzer.Report report =
        MutationFuzzer.run(
            corpus,
            new MutationFuzzer.Options(
                runSeed,
                firstCase,
                cases,
                Duration.ofSeconds(seconds),
                !noExecute,
                Duration.ofSeconds(30),
                save,
                tier::apply),
            io.out());
    io.out().println("fuzz: " + report.summary());
    for (MutationFuzzer.Finding f : report.findings()) {
      io.out().println("  seed " + runSeed + " " + f);
    }
    io.out().flush();
    return report.findings().isEmpty() ? ExitCode.OK : ExitCode.ERROR;
  }

  private int differential(long runSeed) {
    if (!DifferentialFuzzer.toolsAvailable()) {
      throw CliError.error("--differential needs wasm-opt (binaryen) and node on the PATH");
    }
    Path dir = workDir;
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("cortado-differential");
      } catch (IOException e) {
        throw CliError.error("cannot create a work folder: " + e.getMessage());
      }
    }
    io.out().println("fuzz: differential, seed " + runSeed + ", modules in " + dir);
    io.out().flush();
    DifferentialFuzzer.Report report =
        DifferentialFuzzer.run(
            new DifferentialFuzzer.Options(
                runSeed,
                firstCase,
                cases,
                Duration.ofSeconds(seconds),
                dir,
                DifferentialFuzzer.allModes()),
            io.out());
    io.out().println("fuzz: " + report.summary());
    io.out().flush();
    return report.mismatches().isEmpty() ? ExitCode.OK : ExitCode.ERROR;
  }
}
